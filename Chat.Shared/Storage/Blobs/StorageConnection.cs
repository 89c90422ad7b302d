using Microsoft.Extensions.Configuration;

namespace Chat.Shared.Storage.Blobs;

/// <summary>
/// How to reach a storage account from a Functions-style connection setting named <c>Name</c>: either a
/// connection string (local emulator only) in <c>Name</c>, or identity-based settings
/// <c>Name:blobServiceUri</c> (+ optional <c>Name:clientId</c> for a user-assigned identity).
/// </summary>
public sealed record StorageConnection(string? ConnectionString, Uri? BlobServiceUri, string? ClientId)
{
    public static StorageConnection From(IConfiguration configuration, string name)
    {
        var connectionString = configuration[name];
        var section = configuration.GetSection(name);
        var serviceUri = section["blobServiceUri"] ?? (section["serviceUri"]);
        var clientId = section["clientId"];

        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new StorageConnection(connectionString, null, null);
        }

        if (Uri.TryCreate(serviceUri, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps)
        {
            return new StorageConnection(null, uri, string.IsNullOrWhiteSpace(clientId) ? null : clientId);
        }

        throw new InvalidOperationException(
            $"Storage connection '{name}' is not configured: set '{name}:blobServiceUri' (https, with a managed identity) or, for the local emulator, '{name}' to a connection string.");
    }
}
