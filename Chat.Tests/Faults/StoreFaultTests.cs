using System.Net;
using Chat.Shared.Realtime;
using Chat.Shared.Storage;
using Chat.Tests.Http;
using static Chat.Tests.Http.ApiScenario;

namespace Chat.Tests.Faults;

/// <summary>
/// The store throttles or fails transiently (what <see cref="StoreUnavailableException"/> means: the Cosmos SDK's own
/// bounded retries are spent). The core does not retry it again: the request fails fast with one store attempt,
/// answers 503 with <c>Retry-After</c> and a <c>store.unavailable</c> problem, and has written nothing. The client's
/// retry with the same <c>clientMessageId</c> then stores the message exactly once.
/// </summary>
public class StoreFaultTests
{
    public static TheoryData<string, string, string, string?> FailingWrites => new()
    {
        // route, body, the store call that fails, and the store call that must not happen after it
        { "messages", """{"clientMessageId":"c-1","content":"hi"}""", nameof(IChatStore.TryCommitAsync), null },
        { "read", "{}", nameof(IChatStore.TryAdvanceReadAsync), null },
        { "messages", """{"clientMessageId":"c-1","content":"hi"}""", nameof(IChatStore.ReadItemsAsync), nameof(IChatStore.TryCommitAsync) },
        { "read", "{}", nameof(IChatStore.ReadItemsAsync), nameof(IChatStore.TryAdvanceReadAsync) },
    };

    [Theory]
    [MemberData(nameof(FailingWrites))]
    public async Task Write_Returns503WithRetryAfter_AfterOneStoreAttempt_AndChangesNothing(string route, string body, string failing, string? notReached)
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        await SendTextAsync(host, Bob, id, "unread for alice");
        var before = host.Store.Snapshot();
        var events = host.Events.Count;
        host.Store.Calls.Clear();
        host.Store.BeforeCall = operation =>
        {
            if (operation == failing)
            {
                throw new StoreUnavailableException("429 after the SDK's retries", TimeSpan.FromSeconds(2));
            }
        };
        using var alice = host.ClientFor(Alice);

        var response = await alice.PostAsync($"/api/conversations/{id}/{route}", body);

        await ApiJson.ReadProblemAsync(response, HttpStatusCode.ServiceUnavailable, "store.unavailable");
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        Assert.Equal(1, host.Store.Calls[failing]);
        if (notReached is not null)
        {
            Assert.False(host.Store.Calls.ContainsKey(notReached));
        }

        Assert.Equal(before, host.Store.Snapshot());
        Assert.Equal(events, host.Events.Count);
    }

    [Fact]
    public async Task History_Returns503WithDefaultRetryAfter_WhenTheQueryTimesOutWithoutAHint()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        host.Store.BeforeCall = operation =>
        {
            if (operation == nameof(IChatStore.GetMessagesAsync))
            {
                throw new StoreUnavailableException("408 request timeout", retryAfter: null);
            }
        };
        using var alice = host.ClientFor(Alice);

        var response = await alice.GetAsync(new Uri($"/api/conversations/{id}/messages?after=0", UriKind.Relative));

        await ApiJson.ReadProblemAsync(response, HttpStatusCode.ServiceUnavailable, "store.unavailable");
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        Assert.Equal(1, host.Store.Calls[nameof(IChatStore.GetMessagesAsync)]);
    }

    [Fact]
    public async Task Send_StoresExactlyOnce_WhenTheClientRetriesThroughTransientFailures()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        var failuresLeft = 3;
        host.Store.BeforeCall = operation =>
        {
            if (operation == nameof(IChatStore.TryCommitAsync) && Interlocked.Decrement(ref failuresLeft) >= 0)
            {
                throw new StoreUnavailableException("503 service unavailable", TimeSpan.FromMilliseconds(300));
            }
        };
        using var alice = host.ClientFor(Alice);
        var statuses = new List<HttpStatusCode>();

        HttpResponseMessage response;
        do
        {
            response = await alice.PostAsync($"/api/conversations/{id}/messages", """{"clientMessageId":"tap-1","content":"on my way"}""");
            statuses.Add(response.StatusCode);
        }
        while (response.StatusCode == HttpStatusCode.ServiceUnavailable && statuses.Count < 10);
        var stored = await ApiJson.ReadOkAsync(response, HttpStatusCode.Created);
        var again = await ApiJson.ReadOkAsync(
            await alice.PostAsync($"/api/conversations/{id}/messages", """{"clientMessageId":"tap-1","content":"on my way"}"""));

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.Created], statuses);
        var message = Assert.Single(host.Store.AllMessages(id));
        Assert.Equal(1, message.Sequence);
        Assert.Equal(message.Id, stored["id"]!.GetValue<string>());
        Assert.Equal(message.Id, again["id"]!.GetValue<string>());
        Assert.Equal(1, host.Events.Count(e => e.Target == EventTargets.MessageCreated));
    }
}
