using System.Net;
using Microsoft.Azure.Cosmos;

namespace Chat.Shared.Storage.Cosmos;

/// <summary>Turns Cosmos DB failures into the store's exceptions: no <see cref="CosmosException"/> leaves the store.</summary>
public static class CosmosErrors
{
    private const HttpStatusCode RetryWith = (HttpStatusCode)449;

    /// <summary>Throttled, timed out, unavailable or retry-with: worth retrying later (after the SDK's own retries).</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.RequestTimeout or RetryWith;

    public static Exception Translate(CosmosException exception, string operation) =>
        Translate(exception.StatusCode, exception.SubStatusCode, exception.RetryAfter, operation, exception);

    public static Exception Translate(HttpStatusCode status, int subStatus, TimeSpan? retryAfter, string operation, Exception? inner = null) =>
        IsTransient(status)
            ? new StoreUnavailableException($"Cosmos DB could not serve {operation} now ({(int)status}/{subStatus}).", retryAfter, inner)
            : new InvalidOperationException($"Cosmos DB failed {operation} with status {(int)status}/{subStatus}.", inner);
}
