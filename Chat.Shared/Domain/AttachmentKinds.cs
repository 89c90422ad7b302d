namespace Chat.Shared.Domain;

public static class AttachmentKinds
{
    public static AttachmentKind FromContentType(string contentType) => contentType switch
    {
        _ when contentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase) => AttachmentKind.Image,
        _ when contentType.StartsWith("video/", StringComparison.OrdinalIgnoreCase) => AttachmentKind.Video,
        _ when contentType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase) => AttachmentKind.Audio,
        _ => AttachmentKind.File,
    };

    /// <summary>The message type a message with these attachments gets when the client names none.</summary>
    public static MessageType DefaultMessageType(AttachmentKind kind) => kind switch
    {
        AttachmentKind.Image => MessageType.Image,
        AttachmentKind.Video => MessageType.Video,
        AttachmentKind.Audio => MessageType.Audio,
        _ => MessageType.File,
    };
}
