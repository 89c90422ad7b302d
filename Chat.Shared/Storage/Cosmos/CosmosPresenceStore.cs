using System.Net;
using Chat.Shared.Domain;
using Chat.Shared.Storage.Cosmos.Documents;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;

namespace Chat.Shared.Storage.Cosmos;

/// <summary>
/// <see cref="IPresenceStore"/> on the <c>presence</c> container (partition = user id, id = user id): point reads,
/// ReadMany, create-only or IfMatch replaces, and the sweep's cross-partition query on <c>dueAtMs</c>.
/// </summary>
public sealed class CosmosPresenceStore(CosmosContainers containers, ILogger<CosmosPresenceStore> logger) : IPresenceStore
{
    private readonly Container _presence = containers.Presence;

    public Task<UserPresence?> GetAsync(string userId, CancellationToken cancellationToken) =>
        RunAsync("getPresence", async () =>
        {
            try
            {
                var response = await _presence.ReadItemAsync<PresenceDocument>(userId, CosmosCalls.Key(userId), cancellationToken: cancellationToken);
                var document = response.Resource;
                document.ETag = response.ETag ?? document.ETag;
                return (UserPresence?)CosmosDocuments.ToPresence(document);
            }
            catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
        });

    /// <summary>One ReadMany: Cosmos DB sends one request per physical partition holding any of the ids (a point read where it holds one).</summary>
    public Task<IReadOnlyDictionary<string, UserPresence>> GetManyAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken) =>
        userIds.Count == 0
            ? Task.FromResult<IReadOnlyDictionary<string, UserPresence>>(new Dictionary<string, UserPresence>(StringComparer.Ordinal))
            : RunAsync("getPresences", async () =>
            {
                var items = userIds.Distinct(StringComparer.Ordinal).Select(id => (id, CosmosCalls.Key(id))).ToList();
                var response = await _presence.ReadManyItemsAsync<PresenceDocument>(items, cancellationToken: cancellationToken);
                IReadOnlyDictionary<string, UserPresence> states = response.Select(CosmosDocuments.ToPresence)
                    .ToDictionary(p => p.UserId, StringComparer.Ordinal);
                return states;
            });

    /// <summary>Create (ETag null: 409 when one exists) or replace under IfMatch (412 when it changed, 404 when it is gone).</summary>
    public Task<bool> TryPutAsync(UserPresence presence, CancellationToken cancellationToken) =>
        RunAsync("putPresence", async () =>
        {
            var document = CosmosDocuments.ToDocument(presence with { ETag = null });
            var key = CosmosCalls.Key(presence.UserId);
            try
            {
                if (presence.ETag is null)
                {
                    await _presence.CreateItemAsync(document, key, CosmosCalls.NoContent(), cancellationToken);
                }
                else
                {
                    await _presence.ReplaceItemAsync(document, presence.UserId, key,
                        new ItemRequestOptions { IfMatchEtag = presence.ETag, EnableContentResponseOnWrite = false }, cancellationToken);
                }

                return true;
            }
            catch (CosmosException ex) when (ex.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
            {
                return false;
            }
        });

    public Task<bool> DeleteAsync(string userId, CancellationToken cancellationToken) =>
        RunAsync("deletePresence", async () =>
        {
            try
            {
                await _presence.DeleteItemAsync<PresenceDocument>(userId, CosmosCalls.Key(userId), CosmosCalls.NoContent(), cancellationToken);
                return true;
            }
            catch (CosmosException ex) when (ex.StatusCode is HttpStatusCode.NotFound)
            {
                return false;
            }
        });

    /// <summary>A cross-partition query on the presence sweep's timer path only; it reads only states that are due.</summary>
    public Task<IReadOnlyList<UserPresence>> GetDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        RunAsync("presenceDue", async () =>
        {
            var documents = await CosmosCalls.QueryAcrossPartitionsAsync<PresenceDocument>(
                _presence, CosmosQueries.DuePresence(now.ToUnixTimeMilliseconds(), limit), limit, cancellationToken);
            IReadOnlyList<UserPresence> due = documents.Select(CosmosDocuments.ToPresence).ToList();
            return due;
        });

    private Task<T> RunAsync<T>(string operation, Func<Task<T>> action) => CosmosCalls.RunAsync(operation, logger, action);
}
