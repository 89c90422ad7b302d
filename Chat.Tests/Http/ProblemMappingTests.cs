using System.Net;
using Chat.Shared.Storage;
using static Chat.Tests.Http.ApiScenario;

namespace Chat.Tests.Http;

public sealed class ProblemMappingTests
{
    [Fact]
    public async Task Problem_CarriesTypeTitleStatusDetailCodeAndFieldErrors_ForValidationFailure()
    {
        await using var host = await ChatApiHost.StartAsync();
        using var alice = host.ClientFor(Alice);

        var response = await alice.PostAsync("/api/conversations", """{"participantIds":[]}""");

        var problem = await ApiJson.ReadProblemAsync(response, HttpStatusCode.BadRequest, "conversation.participants_required");
        Assert.Equal("https://funcchat.dev/problems/conversation.participants_required", problem["type"]!.GetValue<string>());
        Assert.Equal("Bad Request", problem["title"]!.GetValue<string>());
        Assert.NotEmpty(problem["errors"]!["participantIds"]!.AsArray());
    }

    [Fact]
    public async Task InvalidJson_NamesThePathOfTheBadValue_InErrors()
    {
        await using var host = await ChatApiHost.StartAsync();
        using var alice = host.ClientFor(Alice);

        var response = await alice.PostAsync("/api/conversations", """{"participantIds":["bob", 7]}""");

        var problem = await ApiJson.ReadProblemAsync(response, HttpStatusCode.BadRequest, "request.invalid_json");
        Assert.NotNull(problem["errors"]!["participantIds[1]"]);
    }

    [Fact]
    public async Task StoreUnavailable_Returns503WithRetryAfter()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        host.Store.BeforeCall = _ => throw new StoreUnavailableException("throttled", TimeSpan.FromSeconds(3));
        using var alice = host.ClientFor(Alice);

        var response = await alice.GetAsync(new Uri($"/api/conversations/{id}", UriKind.Relative));

        await ApiJson.ReadProblemAsync(response, HttpStatusCode.ServiceUnavailable, "store.unavailable");
        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Forbidden_Returns403NotSender_WhenEditingSomeoneElsesMessage()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        var messageId = (await SendTextAsync(host, Alice, id, "mine"))["id"]!.GetValue<string>();
        var before = host.Store.Snapshot();
        using var bob = host.ClientFor(Bob);

        var edit = await bob.PatchAsync(new Uri($"/api/conversations/{id}/messages/{messageId}", UriKind.Relative), ApiJson.Body("""{"content":"hijack"}"""));
        var delete = await bob.DeleteAsync(new Uri($"/api/conversations/{id}/messages/{messageId}", UriKind.Relative));

        await ApiJson.ReadProblemAsync(edit, HttpStatusCode.Forbidden, "message.not_sender");
        await ApiJson.ReadProblemAsync(delete, HttpStatusCode.Forbidden, "message.not_sender");
        Assert.Equal(before, host.Store.Snapshot());
    }
}
