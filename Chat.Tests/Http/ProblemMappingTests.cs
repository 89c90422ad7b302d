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

    [Fact]
    public async Task InvalidJson_EchoesAShortTrimmedPath_ForAHugePropertyName()
    {
        await using var host = await ChatApiHost.StartAsync();
        using var alice = host.ClientFor(Alice);

        var response = await alice.PostAsync("/api/conversations", $$"""{"participantIds":["bob"],"{{new string('p', 50_000)}}":1}""");

        var problem = await ApiJson.ReadProblemAsync(response, HttpStatusCode.BadRequest, "request.invalid_json");
        var field = Assert.Single(problem["errors"]!.AsObject()).Key;
        Assert.Equal(new string('p', 61) + "...", field);
        Assert.True(response.Content.Headers.ContentLength is null or < 1024, $"{response.Content.Headers.ContentLength} bytes");
        Assert.True((await response.Content.ReadAsStringAsync()).Length < 1024);
    }

    [Fact]
    public async Task InvalidJson_EchoesNoMarkup_FromAPropertyName()
    {
        await using var host = await ChatApiHost.StartAsync();
        using var alice = host.ClientFor(Alice);

        var response = await alice.PostAsync("/api/conversations", """{"participantIds":["bob"],"<img src=x onerror=alert(1)>":1}""");

        var problem = await ApiJson.ReadProblemAsync(response, HttpStatusCode.BadRequest, "request.invalid_json");
        var field = Assert.Single(problem["errors"]!.AsObject()).Key;
        Assert.Equal("[__img_src=x_onerror=alert(1)__]", field);
    }

    [Fact]
    public async Task DuplicateQueryParameter_EchoesNoMarkup_FromTheKey()
    {
        await using var host = await ChatApiHost.StartAsync();
        using var alice = host.ClientFor(Alice);

        var response = await alice.GetAsync(new Uri("/api/conversations?%3Cb%3E=1&%3Cb%3E=2", UriKind.Relative));

        var problem = await ApiJson.ReadProblemAsync(response, HttpStatusCode.BadRequest, "request.duplicate_query_parameter");
        Assert.Equal("_b_", Assert.Single(problem["errors"]!.AsObject()).Key);
    }

    [Theory]
    [InlineData("participantIds", "participantIds")]
    [InlineData("metadata['a b']", "metadata[_a_b_]")]
    [InlineData("a\u0000b\u202Ec", "a_b_c")]
    [InlineData("", "")]
    public void Echo_KeepsPrintableAsciiWithoutMarkupOrQuotes(string input, string expected) =>
        Assert.Equal(expected, Chat.Shared.Http.ChatProblems.Echo(input));

    [Fact]
    public void Echo_CutsLongInputTo64CharactersEndingInDots()
    {
        Assert.Equal(new string('x', 64), Chat.Shared.Http.ChatProblems.Echo(new string('x', 64)));
        Assert.Equal(new string('x', 61) + "...", Chat.Shared.Http.ChatProblems.Echo(new string('x', 65)));
    }
}
