using System.Net;
using Chat.Shared.Domain;
using Chat.TestSupport;
using static Chat.Tests.Http.ApiScenario;

namespace Chat.Tests.Http;

/// <summary>
/// Who may manage a group, tried by each role over HTTP: owners and admins rename, change metadata, add, remove
/// members, close and reopen; only owners change roles and remove admins or owners; anyone may leave and change their
/// own settings. A refusal is 403 <c>conversation.role_required</c> and changes nothing; an allowed call changes the
/// group. The group: alice owner, bob admin, carol member, dave member, erin admin.
/// </summary>
public sealed class RoleMatrixTests
{
    private static readonly ChatUser Dave = new("dave", "Dave");
    private static readonly ChatUser Erin = new("erin", "Erin");

    private static readonly Dictionary<string, (Func<string, HttpRequestMessage> Request, bool Owner, bool Admin, bool Member)> Actions = new()
    {
        ["rename"] = (g => Json(HttpMethod.Patch, $"/api/conversations/{g}", """{"title":"Renamed"}"""), true, true, false),
        ["change metadata"] = (g => Json(HttpMethod.Patch, $"/api/conversations/{g}", """{"metadata":{"topic":"x"}}"""), true, true, false),
        ["add a member"] = (g => Json(HttpMethod.Post, $"/api/conversations/{g}/participants", """{"userIds":["frank"]}"""), true, true, false),
        ["remove a member"] = (g => new(HttpMethod.Delete, $"/api/conversations/{g}/participants/dave"), true, true, false),
        ["remove an admin"] = (g => new(HttpMethod.Delete, $"/api/conversations/{g}/participants/erin"), true, false, false),
        ["make a member admin"] = (g => Json(HttpMethod.Patch, $"/api/conversations/{g}/participants/dave", """{"role":"admin"}"""), true, false, false),
        ["make an admin owner"] = (g => Json(HttpMethod.Patch, $"/api/conversations/{g}/participants/erin", """{"role":"owner"}"""), true, false, false),
        ["close"] = (g => Json(HttpMethod.Post, $"/api/conversations/{g}/close", "{}"), true, true, false),
        ["mute for me"] = (g => Json(HttpMethod.Put, $"/api/conversations/{g}/me", """{"muted":true}"""), true, true, true),
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var action in Actions.Keys)
        {
            foreach (var role in new[] { "owner", "admin", "member" })
            {
                data.Add(action, role);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Action_IsAllowedOrForbidden_ByTheCallersRole(string action, string role)
    {
        await using var host = await ChatApiHost.StartAsync();
        var group = await ArrangeAsync(host);
        var (request, owner, admin, member) = Actions[action];
        var allowed = role switch { "owner" => owner, "admin" => admin, _ => member };
        var before = host.Store.Snapshot();
        var events = host.Events.Count;
        using var client = host.ClientFor(role switch { "owner" => Alice, "admin" => Bob, _ => Carol });

        var response = await client.SendAsync(request(group));

        if (allowed)
        {
            Assert.True(response.IsSuccessStatusCode, $"{action} by {role}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.NotEqual(before, host.Store.Snapshot());
        }
        else
        {
            await ApiJson.ReadProblemAsync(response, HttpStatusCode.Forbidden, ErrorCodes.RoleRequired);
            Assert.Equal(before, host.Store.Snapshot());
            Assert.Equal(events, host.Events.Count);
        }
    }

    [Theory]
    [InlineData("owner")]
    [InlineData("admin")]
    [InlineData("member")]
    public async Task Reopen_IsForOwnersAndAdmins(string role)
    {
        await using var host = await ChatApiHost.StartAsync();
        var group = await ArrangeAsync(host);
        using (var alice = host.ClientFor(Alice))
        {
            await ApiJson.ReadOkAsync(await alice.SendAsync(Json(HttpMethod.Post, $"/api/conversations/{group}/close", "{}")));
        }

        var before = host.Store.Snapshot();
        using var client = host.ClientFor(role switch { "owner" => Alice, "admin" => Bob, _ => Carol });

        var response = await client.SendAsync(Json(HttpMethod.Post, $"/api/conversations/{group}/reopen", "{}"));

        if (role == "member")
        {
            await ApiJson.ReadProblemAsync(response, HttpStatusCode.Forbidden, ErrorCodes.RoleRequired);
            Assert.Equal(before, host.Store.Snapshot());
        }
        else
        {
            Assert.Null((await ApiJson.ReadOkAsync(response))["closedAt"]?.GetValue<DateTimeOffset?>());
        }
    }

    [Theory]
    [InlineData("owner")]
    [InlineData("admin")]
    [InlineData("member")]
    public async Task Leave_IsForEveryRole_AndTheGroupKeepsAnOwner(string role)
    {
        await using var host = await ChatApiHost.StartAsync();
        var group = await ArrangeAsync(host);
        var caller = role switch { "owner" => Alice, "admin" => Bob, _ => Carol };
        using var client = host.ClientFor(caller);

        var response = await client.DeleteAsync(new Uri($"/api/conversations/{group}/participants/{caller.Id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        using var dave = host.ClientFor(Dave);
        var participants = (await ApiJson.ReadOkAsync(await dave.GetAsync(new Uri($"/api/conversations/{group}", UriKind.Relative))))["participants"]!.AsArray();
        Assert.DoesNotContain(participants, p => p!["userId"]!.GetValue<string>() == caller.Id);
        Assert.Contains(participants, p => p!["role"]!.GetValue<string>() == "owner");
    }

    private static async Task<string> ArrangeAsync(ChatApiHost host)
    {
        var group = await CreateGroupAsync(host, Alice, Bob, Carol, Dave, Erin);
        using var alice = host.ClientFor(Alice);
        foreach (var admin in new[] { "bob", "erin" })
        {
            await ApiJson.ReadOkAsync(await alice.SendAsync(Json(HttpMethod.Patch, $"/api/conversations/{group}/participants/{admin}", """{"role":"admin"}""")));
        }

        return group;
    }

    private static HttpRequestMessage Json(HttpMethod method, string path, string json) => new(method, path) { Content = ApiJson.Body(json) };
}
