using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Chat.Shared.Storage.Cosmos;

/// <summary>Start-up checks of <see cref="CosmosSettings"/> (section <c>Chat:Cosmos</c>), one message per rule.</summary>
public sealed class CosmosSettingsValidator(IConfiguration configuration) : IValidateOptions<CosmosSettings>
{
    public ValidateOptionsResult Validate(string? name, CosmosSettings options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DatabaseName))
        {
            failures.Add("Chat:Cosmos:DatabaseName must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionName))
        {
            failures.Add("Chat:Cosmos:ConnectionName must name the Cosmos DB connection setting.");
        }
        else if (string.IsNullOrWhiteSpace(configuration[options.ConnectionName])
                 && !Uri.TryCreate(configuration[$"{options.ConnectionName}:accountEndpoint"], UriKind.Absolute, out _))
        {
            failures.Add($"Cosmos DB is not configured: set '{options.ConnectionName}__accountEndpoint' (Azure) or the connection string '{options.ConnectionName}' (local emulator).");
        }

        if (string.IsNullOrWhiteSpace(options.ApplicationName))
        {
            failures.Add("Chat:Cosmos:ApplicationName must not be empty.");
        }

        if (options.MaxRetryAttemptsOnRateLimitedRequests < 0)
        {
            failures.Add("Chat:Cosmos:MaxRetryAttemptsOnRateLimitedRequests must not be negative.");
        }

        if (options.MaxRetryWaitTimeOnRateLimitedRequests < TimeSpan.Zero)
        {
            failures.Add("Chat:Cosmos:MaxRetryWaitTimeOnRateLimitedRequests must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
