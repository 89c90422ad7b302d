using System.Text.RegularExpressions;
using Chat.Shared.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Chat.Shared.Storage.Blobs;

/// <summary>Start-up checks of <see cref="AttachmentStorageSettings"/>, one message per rule.</summary>
public sealed partial class AttachmentStorageSettingsValidator(IConfiguration configuration) : IValidateOptions<AttachmentStorageSettings>
{
    public ValidateOptionsResult Validate(string? name, AttachmentStorageSettings options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionName))
        {
            failures.Add("Chat:Attachments:ConnectionName must name the attachment storage connection setting.");
        }
        else if (ServiceConnection.TryFrom(configuration, options.ConnectionName, ServiceConnection.BlobServiceUri) is null)
        {
            failures.Add(ServiceConnection.NotConfigured(options.ConnectionName, ServiceConnection.BlobServiceUri));
        }

        if (!IsContainerName(options.ContainerName))
        {
            failures.Add("Chat:Attachments:ContainerName must be 3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The Blob service's container naming rule.</summary>
    public static bool IsContainerName(string? containerName) =>
        containerName is { Length: >= 3 and <= 63 } && ContainerName().IsMatch(containerName);

    [GeneratedRegex("^[a-z0-9](?:-?[a-z0-9])*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ContainerName();
}
