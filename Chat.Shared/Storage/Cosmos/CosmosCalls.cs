using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;

namespace Chat.Shared.Storage.Cosmos;

/// <summary>What every store call shares: a metrics scope per logical operation and one error translation.</summary>
internal static class CosmosCalls
{
    public static async Task<T> RunAsync<T>(string operation, ILogger logger, Func<Task<T>> action)
    {
        using var scope = CosmosRequestMetrics.BeginOperation(operation, logger);
        try
        {
            return await action();
        }
        catch (CosmosException ex)
        {
            throw CosmosErrors.Translate(ex, operation);
        }
    }

    public static PartitionKey Key(string value) => new(value);

    /// <summary>
    /// Up to <paramref name="limit"/> items of a cross-partition query. Only the timer sweeps use this; every HTTP
    /// path queries one partition.
    /// </summary>
    public static async Task<List<T>> QueryAcrossPartitionsAsync<T>(Container container, QueryDefinition query, int limit, CancellationToken cancellationToken)
    {
        using var iterator = container.GetItemQueryIterator<T>(query, requestOptions: new QueryRequestOptions { MaxItemCount = limit });
        var items = new List<T>();
        while (iterator.HasMoreResults && items.Count < limit)
        {
            var page = await iterator.ReadNextAsync(cancellationToken);
            items.AddRange(page.Take(limit - items.Count));
        }

        return items;
    }

    /// <summary>Up to <paramref name="limit"/> items (all when null) of a single-partition query.</summary>
    public static async Task<List<T>> QueryPartitionAsync<T>(Container container, QueryDefinition query, PartitionKey key, int? limit, CancellationToken cancellationToken)
    {
        var requestOptions = new QueryRequestOptions { PartitionKey = key, MaxItemCount = limit ?? -1, EnableOptimisticDirectExecution = true };
        using var iterator = container.GetItemQueryIterator<T>(query, requestOptions: requestOptions);
        var items = new List<T>();
        while (iterator.HasMoreResults && (limit is null || items.Count < limit))
        {
            var page = await iterator.ReadNextAsync(cancellationToken);
            items.AddRange(limit is null ? page : page.Take(limit.Value - items.Count));
        }

        return items;
    }

    /// <summary>Deletes one document; false when it did not exist.</summary>
    public static async Task<bool> DeleteAsync(Container container, string id, PartitionKey key, string operation, CancellationToken cancellationToken)
    {
        using var response = await container.DeleteItemStreamAsync(id, key, cancellationToken: cancellationToken);
        return response.StatusCode switch
        {
            System.Net.HttpStatusCode.NoContent or System.Net.HttpStatusCode.OK => true,
            System.Net.HttpStatusCode.NotFound => false,
            var status => throw CosmosErrors.Translate(status, 0, null, operation),
        };
    }

    /// <summary>
    /// A projection's upsert that never goes back in version: <paramref name="patch"/> (its filter passes only a newer
    /// version); no document yet: create <paramref name="document"/>; created concurrently (409): patch once more. False
    /// when the stored document is as new or newer (the filter failed).
    /// </summary>
    public static async Task<bool> PatchOrCreateAsync<TDocument>(
        Container container, string id, PartitionKey key, ConditionalPatch patch, TDocument document, ILogger logger, CancellationToken cancellationToken)
    {
        var options = new PatchItemRequestOptions { FilterPredicate = patch.FilterPredicate, EnableContentResponseOnWrite = false };
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                await container.PatchItemAsync<TDocument>(id, key, patch.Operations, options, cancellationToken);
                return true;
            }
            catch (CosmosException ex) when (ex.StatusCode == System.Net.HttpStatusCode.PreconditionFailed)
            {
                return false;
            }
            catch (CosmosException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                try
                {
                    await container.CreateItemAsync(document, key, NoContent(), cancellationToken);
                    return true;
                }
                catch (CosmosException conflict) when (conflict.StatusCode == System.Net.HttpStatusCode.Conflict)
                {
                    logger.LogDebug("{Container}/{Id} was created concurrently; patching it", container.Id, id);
                }
            }
        }

        return false;
    }

    /// <summary>Writes whose body the caller does not need: the response carries no document (less bandwidth).</summary>
    public static ItemRequestOptions NoContent() => new() { EnableContentResponseOnWrite = false };
}
