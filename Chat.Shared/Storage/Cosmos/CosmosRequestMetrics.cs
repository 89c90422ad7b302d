using Microsoft.Extensions.Logging;

namespace Chat.Shared.Storage.Cosmos;

/// <summary>
/// Request count and request charge (RU) per logical operation. A store method opens a scope; the
/// <see cref="CosmosRequestRecorder"/> in the client's pipeline adds every request to the scopes open on the
/// current async flow (an inner scope and all its outer ones), so a caller can also measure a whole call.
/// </summary>
public static class CosmosRequestMetrics
{
    private static readonly AsyncLocal<CosmosOperationScope?> CurrentScope = new();

    /// <summary>The innermost open scope of this async flow, if any.</summary>
    public static CosmosOperationScope? Current => CurrentScope.Value;

    /// <summary>Opens a scope; disposing it closes it and, with a logger, logs its totals at Debug.</summary>
    public static CosmosOperationScope BeginOperation(string operation, ILogger? logger = null)
    {
        var scope = new CosmosOperationScope(operation, CurrentScope.Value, logger);
        CurrentScope.Value = scope;
        return scope;
    }

    /// <summary>Adds one request and its charge to every open scope of this async flow.</summary>
    public static void Record(double requestCharge)
    {
        for (var scope = CurrentScope.Value; scope is not null; scope = scope.Parent)
        {
            scope.Add(requestCharge);
        }
    }

    internal static void End(CosmosOperationScope scope)
    {
        if (ReferenceEquals(CurrentScope.Value, scope))
        {
            CurrentScope.Value = scope.Parent;
        }
    }
}

public sealed class CosmosOperationScope : IDisposable
{
    private readonly Lock _gate = new();
    private readonly ILogger? _logger;
    private int _requestCount;
    private double _requestCharge;
    private bool _disposed;

    internal CosmosOperationScope(string operation, CosmosOperationScope? parent, ILogger? logger)
    {
        Operation = operation;
        Parent = parent;
        _logger = logger;
    }

    public string Operation { get; }

    public CosmosOperationScope? Parent { get; }

    public int RequestCount
    {
        get
        {
            lock (_gate)
            {
                return _requestCount;
            }
        }
    }

    public double RequestCharge
    {
        get
        {
            lock (_gate)
            {
                return _requestCharge;
            }
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        CosmosRequestMetrics.End(this);
        _logger?.LogDebug("Cosmos DB {Operation}: {RequestCount} requests, {RequestCharge} RU", Operation, RequestCount, RequestCharge);
    }

    internal void Add(double requestCharge)
    {
        lock (_gate)
        {
            _requestCount++;
            _requestCharge += requestCharge;
        }
    }
}
