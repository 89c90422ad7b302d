namespace Chat.Shared.Storage.Cosmos;

/// <summary>
/// Settings of the Cosmos DB store, section <c>Chat:Cosmos</c>. The connection itself is the app setting named
/// <see cref="ConnectionName"/> (the same one the Functions Cosmos DB trigger uses): a connection string for the
/// local emulator, or <c>{ConnectionName}__accountEndpoint</c> (plus optional <c>__clientId</c>) in Azure.
/// </summary>
public sealed class CosmosSettings
{
    public const string SectionName = "Chat:Cosmos";

    public string DatabaseName { get; set; } = CosmosContainerDefinitions.DatabaseName;

    public string ConnectionName { get; set; } = "CosmosDb";

    public string ApplicationName { get; set; } = "FuncChat";

    /// <summary>Retries of a throttled (429) request inside the SDK before the store reports it unavailable.</summary>
    public int MaxRetryAttemptsOnRateLimitedRequests { get; set; } = 9;

    public TimeSpan MaxRetryWaitTimeOnRateLimitedRequests { get; set; } = TimeSpan.FromSeconds(30);
}
