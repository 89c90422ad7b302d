using System.Net;
using System.Text.RegularExpressions;
using Chat.Shared.Http;

namespace Chat.Tests.Http;

/// <summary>
/// One route table (<see cref="ChatApi.Routes"/>): the test host and the benchmark map it, and Chat.Functions must
/// declare exactly its routes as <c>[HttpTrigger]</c> functions, checked here from the Functions sources.
/// </summary>
public sealed partial class ChatApiRouteTableTests
{
    [Fact]
    public void RouteTable_FunctionsHttpTriggers_DeclareExactlyTheTablesRoutes()
    {
        var functions = FunctionsSources.HttpFunctions(Path.Combine(RepositoryFiles.Root, "Chat.Functions"));

        var declared = functions.SelectMany(f => f.Methods.Select(m => Describe(m, f.Route, f.Name))).Order(StringComparer.Ordinal).ToList();
        var table = ChatApi.Routes.Select(r => Describe(r.Method.ToUpperInvariant(), r.Template, r.Name)).Order(StringComparer.Ordinal).ToList();

        var onlyInTable = table.Except(declared, StringComparer.Ordinal).ToList();
        var onlyInFunctions = declared.Except(table, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(declared);
        Assert.True(onlyInTable.Count == 0 && onlyInFunctions.Count == 0,
            $"Only in ChatApi.Routes: [{string.Join("; ", onlyInTable)}]. Only in Chat.Functions: [{string.Join("; ", onlyInFunctions)}].");
        Assert.Equal(table.Count, declared.Count);
    }

    [Fact]
    public void RouteTable_FunctionsHttpTriggers_TakeEveryRouteValueOfTheirTemplate()
    {
        var functions = FunctionsSources.HttpFunctions(Path.Combine(RepositoryFiles.Root, "Chat.Functions"));

        var mismatched = functions
            .Where(f => !RouteParameters(f.Route).Order(StringComparer.Ordinal).SequenceEqual(f.RouteValueParameters.Order(StringComparer.Ordinal)))
            .Select(f => $"{f.Where}: route {f.Route}, string parameters ({string.Join(", ", f.RouteValueParameters)})")
            .ToList();

        Assert.Empty(mismatched);
    }

    [Fact]
    public void RouteTable_NamesAndMethodTemplatePairs_AreUnique()
    {
        Assert.Equal(ChatApi.Routes.Count, ChatApi.Routes.Select(r => r.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ChatApi.Routes.Count, ChatApi.Routes.Select(r => (r.Method, r.Template)).Distinct().Count());
        Assert.All(ChatApi.Routes, r => Assert.Contains(r.Method, new[] { "GET", "POST", "PUT", "PATCH", "DELETE" }));
    }

    [Fact]
    public async Task RouteTable_EveryRoute_IsMappedByTheTestHost()
    {
        await using var host = await ChatApiHost.StartAsync();
        using var alice = host.ClientFor(ApiScenario.Alice);

        foreach (var route in ChatApi.Routes)
        {
            var path = "/" + ChatRoutes.Prefix + "/" + RouteParameter().Replace(route.Template, "x1");
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
            using var response = await alice.SendAsync(request);

            // A mapped route reaches its handler, which answers (success, or a problem with a code); an unmapped one
            // gets the bare 404 or 405 of routing.
            var handled = response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType == "application/problem+json";
            Assert.True(handled, $"{route.Method} {path} ({route.Name}) was not handled: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task RouteTable_AMethodNoRouteTakes_GetsTheProblemOfTheCatchAll()
    {
        await using var host = await ChatApiHost.StartAsync();
        using var alice = host.ClientFor(ApiScenario.Alice);

        using var response = await alice.PutAsync(new Uri("/api/conversations/x1/typing", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
    }

    private static string Describe(string method, string template, string name) => $"{method} {template} -> {name}";

    private static IEnumerable<string> RouteParameters(string template) =>
        RouteParameter().Matches(template).Select(m => m.Groups["name"].Value);

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)\}")]
    private static partial Regex RouteParameter();
}
