using System.Net;
using System.Text.RegularExpressions;
using Chat.Shared.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static Chat.Tests.Http.ApiScenario;

namespace Chat.Tests.Http;

/// <summary>
/// Requests no route takes answer with the API's problem shape: 404 <c>request.route_not_found</c>, or 405
/// <c>request.method_not_allowed</c> with <c>Allow</c>. The route table behind that decision matches what the test host
/// and the Functions app map.
/// </summary>
public sealed class UnmatchedRouteTests
{
    [Theory]
    [InlineData("POST", "/api/unread", "GET")]
    [InlineData("DELETE", "/api/conversations", "POST, GET")]
    [InlineData("GET", "/api/conversations/d_1/typing", "POST")]
    [InlineData("PUT", "/api/conversations/d_1/messages/m_1", "PATCH, DELETE")]
    [InlineData("HEAD", "/api/conversations/d_1/attachments/a_1", "GET")]
    public async Task WrongMethod_Answers405WithAllow(string method, string path, string allow)
    {
        await using var host = await ChatApiHost.StartAsync();
        using var alice = host.ClientFor(Alice);

        var response = await alice.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
        ApiJson.AssertNoSniff(response);
        if (method != "HEAD")
        {
            await ApiJson.ReadProblemAsync(response, HttpStatusCode.MethodNotAllowed, "request.method_not_allowed");
        }
    }

    [Fact]
    public async Task UnknownRoute_Answers404Problem_WithoutEchoingThePath()
    {
        await using var host = await ChatApiHost.StartAsync();
        using var alice = host.ClientFor(Alice);

        var response = await alice.GetAsync(new Uri("/api/%3Cscript%3Ealert(1)%3C%2Fscript%3E", UriKind.Relative));

        await ApiJson.ReadProblemAsync(response, HttpStatusCode.NotFound, "request.route_not_found");
        Assert.DoesNotContain("script", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task UnknownRoute_Answers401First_WithoutAToken()
    {
        await using var host = await ChatApiHost.StartAsync();

        var response = await host.Client.GetAsync(new Uri("/api/nope", UriKind.Relative));

        await ApiJson.ReadProblemAsync(response, HttpStatusCode.Unauthorized, "auth.missing_token");
    }

    [Fact]
    public async Task UnknownRoute_TouchesNoStore()
    {
        await using var host = await ChatApiHost.StartAsync();
        using var alice = host.ClientFor(Alice);

        await alice.PostAsync("/api/conversations/d_1/nope", "{}");

        Assert.Empty(host.Store.Calls);
    }

    /// <summary>
    /// The Functions host tries HTTP routes in the order of function names (case-insensitive) and takes the first whose
    /// template and methods match, without ASP.NET Core's route precedence (Azure/azure-functions-host#9876), so the
    /// catch-all must sort after every other HTTP function or it would shadow them.
    /// </summary>
    [Fact]
    public void UnmatchedRouteFunction_SortsAfterEveryOtherHttpFunction_AndTakesEveryMethod()
    {
        var triggers = FunctionsHttpTriggers();
        var catchAll = Assert.Single(triggers, f => f.Route == ChatRoutes.Unmatched);

        Assert.Empty(catchAll.Methods);
        Assert.Equal(catchAll.Name, triggers.Select(f => f.Name).Order(StringComparer.OrdinalIgnoreCase).Last());
        Assert.True(triggers.Count > 10, $"{triggers.Count} HTTP functions found");
    }

    private sealed record HttpTrigger(string Name, string[] Methods, string Route);

    /// <summary>The HTTP functions of Chat.Functions, read from its sources (the project cannot be built here).</summary>
    private static List<HttpTrigger> FunctionsHttpTriggers()
    {
        var routes = typeof(ChatRoutes).GetFields().Where(f => f.IsLiteral).ToDictionary(f => "ChatRoutes." + f.Name, f => (string)f.GetRawConstantValue()!);
        var function = new Regex(
            @"\[Function\((?:nameof\((?<name>\w+)\)|""(?<name>[^""]+)"")\)\]\s*public[^\[]*\(\s*\[HttpTrigger\(AuthorizationLevel\.\w+(?<methods>(?:,\s*""\w+"")*),\s*Route\s*=\s*(?<route>[\w.]+)\)\]");
        var folder = Path.Combine(RepositoryFiles.Root, "Chat.Functions");
        return Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => function.Matches(File.ReadAllText(file)))
            .Select(m => new HttpTrigger(
                m.Groups["name"].Value,
                Regex.Matches(m.Groups["methods"].Value, @"""(\w+)""").Select(x => x.Groups[1].Value).ToArray(),
                routes[m.Groups["route"].Value]))
            .ToList();
    }
}
