using System.Net;
using System.Text.RegularExpressions;
using Chat.Shared.Http;
using static Chat.Tests.Http.ApiScenario;

namespace Chat.Tests.Http;

/// <summary>
/// The server-versus-user token matrix over every route of the route table: a user token on a server route gets 403
/// <c>auth.server_role_required</c>, a server token on a user route 403 <c>auth.user_required</c>, and neither changes
/// anything, with a body that would change something if the route let the caller through. The right principal never
/// gets an <c>auth.*</c> answer.
/// </summary>
public sealed partial class ServerTokenMatrixTests
{
    /// <summary>Bodies that would do something on their route (routes not listed take an empty object).</summary>
    private static readonly Dictionary<string, string> Bodies = new(StringComparer.Ordinal)
    {
        ["CreateConversation"] = """{"participantIds":["carol"]}""",
        ["SendMessage"] = """{"content":"let me in","clientMessageId":"matrix"}""",
        ["EditMessage"] = """{"content":"edited"}""",
        ["MarkDelivered"] = """{"messageId":"{m}"}""",
        ["SetTyping"] = """{"isTyping":true}""",
        ["ReserveAttachment"] = """{"fileName":"a.png","contentType":"image/png","sizeBytes":10}""",
        ["UpdateConversation"] = """{"title":"taken over"}""",
        ["AddParticipants"] = """{"userIds":["mallory"]}""",
        ["ChangeRole"] = """{"role":"owner"}""",
        ["UpdateMe"] = """{"muted":true}""",
        ["ServerUpsertProfile"] = """{"displayName":"Bobby","inDirectory":true}""",
        ["ServerCreateConversation"] = """{"key":"order-1","participantIds":["mallory"]}""",
        ["ServerUpdateConversation"] = """{"title":"taken over"}""",
        ["ServerPostMessage"] = """{"content":"hello","clientMessageId":"matrix"}""",
        ["ServerAddParticipants"] = """{"userIds":["mallory"]}""",
        ["ServerChangeRole"] = """{"role":"owner"}""",
    };

    public static TheoryData<string> ServerRoutes => new(ChatApi.Routes.Where(IsServerRoute).Select(Describe));

    public static TheoryData<string> UserRoutes => new(ChatApi.Routes.Where(r => !IsServerRoute(r)).Select(Describe));

    public static TheoryData<string> AllRoutes => new(ChatApi.Routes.Select(Describe));

    [Fact]
    public void Matrix_CoversEveryRouteOfTheTable_AndServerRoutesLiveUnderServer()
    {
        Assert.Equal(ChatApi.Routes.Count, ServerRoutes.Count + UserRoutes.Count);
        Assert.True(ServerRoutes.Count >= 17, $"{ServerRoutes.Count} server routes");
        Assert.All(ChatApi.Routes.Where(IsServerRoute), r => Assert.StartsWith("Server", r.Name, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ServerRoutes))]
    public async Task ServerRoute_Answers403ServerRoleRequired_ToAUserToken_AndChangesNothing(string route)
    {
        await using var host = await ChatApiHost.StartAsync();
        var ids = await ArrangeAsync(host);
        using var alice = host.ClientFor(Alice);

        await AssertRefusedAsync(host, alice, Route(route), ids, HttpStatusCode.Forbidden, "auth.server_role_required");
    }

    [Theory]
    [MemberData(nameof(UserRoutes))]
    public async Task UserRoute_Answers403UserRequired_ToAServerToken_AndChangesNothing(string route)
    {
        await using var host = await ChatApiHost.StartAsync();
        var ids = await ArrangeAsync(host);
        using var server = host.ServerClient();

        await AssertRefusedAsync(host, server, Route(route), ids, HttpStatusCode.Forbidden, "auth.user_required");
    }

    [Theory]
    [MemberData(nameof(AllRoutes))]
    public async Task Route_NeverAnswersAnAuthProblem_ToItsOwnPrincipal(string route)
    {
        await using var host = await ChatApiHost.StartAsync();
        var ids = await ArrangeAsync(host);
        var table = Route(route);
        using var client = IsServerRoute(table) ? host.ServerClient() : host.ClientFor(Alice);

        using var response = await client.SendAsync(Request(table, ids));

        var body = await response.Content.ReadAsStringAsync();
        Assert.False(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden && body.Contains("\"auth.", StringComparison.Ordinal),
            $"{route}: {(int)response.StatusCode} {body}");
    }

    [Fact]
    public async Task UnknownServerPath_Answers404_ToBothPrincipals()
    {
        await using var host = await ChatApiHost.StartAsync();
        using var server = host.ServerClient();
        using var alice = host.ClientFor(Alice);

        await ApiJson.ReadProblemAsync(await server.GetAsync(new Uri("/api/server/nope", UriKind.Relative)), HttpStatusCode.NotFound, "request.route_not_found");
        await ApiJson.ReadProblemAsync(await alice.GetAsync(new Uri("/api/server/nope", UriKind.Relative)), HttpStatusCode.NotFound, "request.route_not_found");
    }

    private static async Task AssertRefusedAsync(ChatApiHost host, HttpClient client, ChatApiRoute route, Ids ids, HttpStatusCode status, string code)
    {
        var before = host.Store.Snapshot();
        var profiles = host.Profiles.Snapshot();
        var blobs = host.Blobs.Snapshot();
        var events = host.Events.Count;
        var groups = host.State.Groups.Count;

        using var response = await client.SendAsync(Request(route, ids));

        await ApiJson.ReadProblemAsync(response, status, code);
        Assert.Equal(before, host.Store.Snapshot());
        Assert.Equal(profiles, host.Profiles.Snapshot());
        Assert.Equal(blobs, host.Blobs.Snapshot());
        Assert.Equal(events, host.Events.Count);
        Assert.Equal(groups, host.State.Groups.Count);
        Assert.Equal(0, host.Typing.Count);
    }

    /// <summary>A group of alice (owner), bob and carol with a message of bob's and an uploaded attachment of alice's.</summary>
    private static async Task<Ids> ArrangeAsync(ChatApiHost host)
    {
        var group = await CreateGroupAsync(host, Alice, Bob, Carol);
        var message = (await SendTextAsync(host, Bob, group))["id"]!.GetValue<string>();
        var attachment = await UploadedAttachmentAsync(host, Alice, group);
        return new Ids(group, message, attachment);
    }

    private static HttpRequestMessage Request(ChatApiRoute route, Ids ids)
    {
        var path = "/" + ChatRoutes.Prefix + "/" + RouteValue().Replace(route.Template, m => m.Groups["name"].Value switch
        {
            "conversationId" => ids.Conversation,
            "messageId" => ids.Message,
            "attachmentId" => ids.Attachment,
            "userId" => "bob",
            "reaction" => "%F0%9F%91%8D",
            var other => throw new InvalidOperationException($"No value for route value {other}."),
        });
        var query = route.Name switch
        {
            "GetUsers" => "?ids=bob",
            "ServerFindConversations" => "?participant=bob",
            _ => string.Empty,
        };
        var request = new HttpRequestMessage(new HttpMethod(route.Method), path + query);
        if (route.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = ApiJson.Body(Bodies.GetValueOrDefault(route.Name, "{}").Replace("{m}", ids.Message, StringComparison.Ordinal));
        }

        return request;
    }

    private static bool IsServerRoute(ChatApiRoute route) => route.Template.StartsWith("server/", StringComparison.Ordinal);

    private static string Describe(ChatApiRoute route) => $"{route.Method} {route.Template} ({route.Name})";

    private static ChatApiRoute Route(string described) => ChatApi.Routes.Single(r => Describe(r) == described);

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)\}")]
    private static partial Regex RouteValue();

    private sealed record Ids(string Conversation, string Message, string Attachment);
}
