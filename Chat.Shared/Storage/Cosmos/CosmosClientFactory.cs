using System.Data.Common;
using System.Net;
using System.Net.Security;
using System.Text.Json;
using Chat.Shared.Configuration;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Chat.Shared.Storage.Cosmos;

/// <summary>
/// Builds the one <see cref="CosmosClient"/> of the process.
/// <list type="bullet">
/// <item>Connection string (local emulator): gateway mode. When, and only when, the endpoint is
/// <c>localhost</c> or a loopback address, the HTTP client accepts the emulator's self-signed certificate;
/// any other endpoint gets normal certificate validation.</item>
/// <item>Account endpoint (Azure): Microsoft Entra ID through the managed identity (<c>clientId</c> for a
/// user-assigned one, otherwise <see cref="DefaultAzureCredential"/>), direct mode, no keys.</item>
/// </list>
/// Both use the store's serializer (<see cref="CosmosJson.Options"/>), the request recorder and bounded throttling retries.
/// </summary>
public static class CosmosClientFactory
{
    public static CosmosClient Create(IConfiguration configuration, CosmosSettings settings, ILoggerFactory loggerFactory)
    {
        var connectionString = configuration[settings.ConnectionName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return CreateFromConnectionString(connectionString, settings, loggerFactory);
        }

        var endpoint = configuration[$"{settings.ConnectionName}:accountEndpoint"];
        if (string.IsNullOrWhiteSpace(endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var accountEndpoint))
        {
            throw new InvalidOperationException(
                $"Cosmos DB is not configured: set '{settings.ConnectionName}__accountEndpoint' (Azure) or the connection string '{settings.ConnectionName}' (local emulator).");
        }

        return CreateForAccount(accountEndpoint, configuration[$"{settings.ConnectionName}:clientId"], settings, loggerFactory);
    }

    public static CosmosClient CreateFromConnectionString(string connectionString, CosmosSettings settings, ILoggerFactory loggerFactory)
    {
        var options = Options(settings, loggerFactory, ConnectionMode.Gateway);
        if (AccountEndpointOf(connectionString) is { } endpoint && IsLoopback(endpoint))
        {
            options.LimitToEndpoint = true;
            options.HttpClientFactory = CreateEmulatorHttpClient;
        }

        return new CosmosClient(connectionString, options);
    }

    public static CosmosClient CreateForAccount(Uri accountEndpoint, string? clientId, CosmosSettings settings, ILoggerFactory loggerFactory)
    {
        return new CosmosClient(accountEndpoint.AbsoluteUri, AzureCredentials.For(clientId), Options(settings, loggerFactory, ConnectionMode.Direct));
    }

    internal static CosmosClientOptions Options(CosmosSettings settings, ILoggerFactory loggerFactory, ConnectionMode mode)
    {
        var options = new CosmosClientOptions
        {
            ApplicationName = settings.ApplicationName,
            ConnectionMode = mode,
            // A mutable copy: the SDK owns the instance it is given.
            UseSystemTextJsonSerializerWithOptions = new JsonSerializerOptions(CosmosJson.Options),
            MaxRetryAttemptsOnRateLimitedRequests = settings.MaxRetryAttemptsOnRateLimitedRequests,
            MaxRetryWaitTimeOnRateLimitedRequests = settings.MaxRetryWaitTimeOnRateLimitedRequests,
        };
        options.CustomHandlers.Add(new CosmosRequestRecorder(loggerFactory.CreateLogger<CosmosRequestRecorder>()));
        return options;
    }

    internal static Uri? AccountEndpointOf(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return builder.TryGetValue("AccountEndpoint", out var value) && Uri.TryCreate(value as string, UriKind.Absolute, out var uri) ? uri : null;
    }

    internal static bool IsLoopback(Uri? endpoint) =>
        endpoint is not null
        && (endpoint.IsLoopback || string.Equals(endpoint.Host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(endpoint.Host, out var address) && IPAddress.IsLoopback(address)));

    /// <summary>The emulator's certificate is self-signed: accept a certificate error only for a loopback host.</summary>
    internal static bool AcceptEmulatorCertificate(Uri? requestUri, SslPolicyErrors errors) =>
        errors == SslPolicyErrors.None || IsLoopback(requestUri);

    private static HttpClient CreateEmulatorHttpClient()
    {
#pragma warning disable CA2000 // The HttpClient owns the handler and disposes it.
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (request, _, _, errors) => AcceptEmulatorCertificate(request.RequestUri, errors),
        };
#pragma warning restore CA2000
        return new HttpClient(handler, disposeHandler: true);
    }
}
