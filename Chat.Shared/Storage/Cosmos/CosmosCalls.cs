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

    /// <summary>Writes whose body the caller does not need: the response carries no document (less bandwidth).</summary>
    public static ItemRequestOptions NoContent() => new() { EnableContentResponseOnWrite = false };
}
