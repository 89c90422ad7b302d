namespace Chat.Shared.Storage.Blobs;

/// <summary>Settings of the attachment blob store, section <c>Chat:Attachments</c>; the connection is the app setting <see cref="ConnectionName"/>.</summary>
public sealed class AttachmentStorageSettings
{
    public const string SectionName = "Chat:Attachments";

    /// <summary>The Functions-style connection setting: a connection string for Azurite, or <c>Attachments__blobServiceUri</c> in Azure.</summary>
    public string ConnectionName { get; set; } = "Attachments";

    public string ContainerName { get; set; } = "attachments";

    /// <summary>Create the private container at start-up: for Azurite only (Bicep creates it in Azure).</summary>
    public bool ProvisionOnStartup { get; set; }
}
