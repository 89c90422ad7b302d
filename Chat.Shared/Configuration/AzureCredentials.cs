using Azure.Core;
using Azure.Identity;

namespace Chat.Shared.Configuration;

/// <summary>The token credential for a data-plane client: the user-assigned managed identity when its client id is set.</summary>
public static class AzureCredentials
{
    public static TokenCredential For(string? clientId) =>
        string.IsNullOrWhiteSpace(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
}
