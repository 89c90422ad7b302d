using Microsoft.Extensions.Configuration;

namespace Chat.Shared.Configuration;

/// <summary>
/// How to reach an Azure service from a Functions-style connection setting named <c>Name</c>: either a
/// connection string in <c>Name</c> (local emulators only), or identity-based settings <c>Name:{uriKey}</c>
/// (https) plus an optional <c>Name:clientId</c> for a user-assigned managed identity. The same convention the
/// Functions bindings use, so one setting serves a binding and the app's own client.
/// </summary>
public sealed record ServiceConnection(string? ConnectionString, Uri? ServiceUri, string? ClientId)
{
    public const string BlobServiceUri = "blobServiceUri";
    public const string SignalRServiceUri = "serviceUri";

    public static ServiceConnection From(IConfiguration configuration, string name, string uriKey) =>
        TryFrom(configuration, name, uriKey) ?? throw new InvalidOperationException(NotConfigured(name, uriKey));

    /// <summary>The connection, or null when neither a connection string nor an https <c>Name:{uriKey}</c> is set.</summary>
    public static ServiceConnection? TryFrom(IConfiguration configuration, string name, string uriKey)
    {
        var connectionString = configuration[name];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new ServiceConnection(connectionString, null, null);
        }

        var section = configuration.GetSection(name);
        if (Uri.TryCreate(section[uriKey], UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps)
        {
            var clientId = section["clientId"];
            return new ServiceConnection(null, uri, string.IsNullOrWhiteSpace(clientId) ? null : clientId);
        }

        return null;
    }

    public static string NotConfigured(string name, string uriKey) =>
        $"Connection '{name}' is not configured: set '{name}__{uriKey}' (https, used with the managed identity) or, for a local emulator, '{name}' to a connection string.";
}
