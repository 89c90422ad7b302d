using System.Net;
using Chat.Shared.Domain;
using Chat.Shared.Storage.Cosmos.Documents;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Shared.Storage.Cosmos;

/// <summary>
/// <see cref="ITypingStore"/> on the <c>typing</c> container (partition = conversation, id = user). Claims and
/// completes are conditional on the ETag; every document carries a <c>ttl</c> that outlives the state by
/// <see cref="TtlBackstop"/>, so states a stopped sweep never removed disappear anyway.
/// </summary>
public sealed class CosmosTypingStore(CosmosContainers containers, IOptions<ChatOptions> options, TimeProvider clock, ILogger<CosmosTypingStore> logger)
    : ITypingStore
{
    public static readonly TimeSpan TtlBackstop = TimeSpan.FromMinutes(1);

    private readonly Container _typing = containers.Typing;
    private readonly TimeSpan _backstop = TtlBackstop + options.Value.TypingSweepClaim;

    public Task SetAsync(TypingState state, CancellationToken cancellationToken) =>
        RunAsync("setTyping", async () =>
        {
            var document = CosmosDocuments.ToDocument(state with { ClaimedUntil = null, ETag = null }, clock.GetUtcNow(), _backstop);
            await _typing.UpsertItemAsync(document, Key(state.ConversationId), NoContent(), cancellationToken);
            return true;
        });

    public Task<TypingState?> GetAsync(string conversationId, string userId, CancellationToken cancellationToken) =>
        RunAsync("getTyping", async () =>
        {
            try
            {
                var response = await _typing.ReadItemAsync<TypingDocument>(userId, Key(conversationId), cancellationToken: cancellationToken);
                return (TypingState?)CosmosDocuments.ToTypingState(response.Resource);
            }
            catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
        });

    /// <summary>Create (ETag null: fails with 409 when a state exists) or replace under IfMatch (412 when it changed, 404 when it is gone).</summary>
    public Task<bool> TrySetAsync(TypingState state, CancellationToken cancellationToken) =>
        RunAsync("trySetTyping", async () =>
        {
            var document = CosmosDocuments.ToDocument(state with { ClaimedUntil = null, ETag = null }, clock.GetUtcNow(), _backstop);
            try
            {
                if (state.ETag is null)
                {
                    await _typing.CreateItemAsync(document, Key(state.ConversationId), NoContent(), cancellationToken);
                }
                else
                {
                    await _typing.ReplaceItemAsync(document, state.UserId, Key(state.ConversationId),
                        new ItemRequestOptions { IfMatchEtag = state.ETag, EnableContentResponseOnWrite = false }, cancellationToken);
                }

                return true;
            }
            catch (CosmosException ex) when (ex.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
            {
                return false;
            }
        });

    public Task<bool> RemoveAsync(string conversationId, string userId, CancellationToken cancellationToken) =>
        RunAsync("stopTyping", async () =>
        {
            try
            {
                await _typing.DeleteItemAsync<TypingDocument>(userId, Key(conversationId), cancellationToken: cancellationToken);
                return true;
            }
            catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
            {
                return false;
            }
        });

    /// <summary>A cross-partition query on the sweep's timer path only; it reads only live typing states.</summary>
    public Task<IReadOnlyList<TypingState>> GetDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        RunAsync("typingDue", async () =>
        {
            var query = CosmosQueries.DueTypingStates(now.ToUnixTimeMilliseconds(), limit);
            var documents = await CosmosCalls.QueryAcrossPartitionsAsync<TypingDocument>(_typing, query, limit, cancellationToken);
            IReadOnlyList<TypingState> result = documents.Select(CosmosDocuments.ToTypingState).ToList();
            return result;
        });

    public Task<TypingState?> TryClaimAsync(TypingState state, DateTimeOffset claimedUntil, CancellationToken cancellationToken) =>
        RunAsync("claimTyping", async () =>
        {
            var document = CosmosDocuments.ToDocument(state with { ClaimedUntil = claimedUntil, ETag = null }, clock.GetUtcNow(), _backstop);
            try
            {
                var response = await _typing.ReplaceItemAsync(document, state.UserId, Key(state.ConversationId),
                    new ItemRequestOptions { IfMatchEtag = state.ETag, EnableContentResponseOnWrite = false }, cancellationToken);
                return (TypingState?)(state with { ClaimedUntil = claimedUntil, ETag = response.ETag });
            }
            catch (CosmosException ex) when (ex.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
            {
                return null;
            }
        });

    public Task<bool> TryCompleteAsync(TypingState claimed, CancellationToken cancellationToken) =>
        RunAsync("completeTyping", async () =>
        {
            try
            {
                await _typing.DeleteItemAsync<TypingDocument>(claimed.UserId, Key(claimed.ConversationId),
                    new ItemRequestOptions { IfMatchEtag = claimed.ETag }, cancellationToken);
                return true;
            }
            catch (CosmosException ex) when (ex.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
            {
                return false;
            }
        });

    private Task<T> RunAsync<T>(string operation, Func<Task<T>> action) => CosmosCalls.RunAsync(operation, logger, action);

    private static PartitionKey Key(string value) => CosmosCalls.Key(value);

    private static ItemRequestOptions NoContent() => CosmosCalls.NoContent();
}
