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

    /// <summary>Writes whose body the caller does not need: the response carries no document (less bandwidth).</summary>
    public static ItemRequestOptions NoContent() => new() { EnableContentResponseOnWrite = false };
}
