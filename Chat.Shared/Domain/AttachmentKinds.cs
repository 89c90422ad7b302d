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

    /// <summary>The message type a message with an attachment of this kind gets when the client names none.</summary>
    public static MessageType DefaultMessageType(AttachmentKind kind) => kind switch
    {
        AttachmentKind.Image => MessageType.Image,
        AttachmentKind.Video => MessageType.Video,
        AttachmentKind.Audio => MessageType.Audio,
        _ => MessageType.File,
    };

    /// <summary>The message type a message with these attachments gets when the client names none: their common kind's, else <c>file</c>.</summary>
    public static MessageType DefaultMessageType(IEnumerable<AttachmentKind> kinds)
    {
        var distinct = kinds.Distinct().ToList();
        return distinct is [var only] ? DefaultMessageType(only) : distinct.Count == 0 ? MessageType.Text : MessageType.File;
    }

    /// <summary>
    /// A message's type agrees with what it carries: an <c>image</c> message carries images only, a <c>video</c> message
    /// videos, an <c>audio</c> message audio; a <c>file</c> message carries any kind (a photo sent as a file keeps its
    /// original). Other types are checked by their own rules (text carries no attachment). 400
    /// <c>message.attachment_kind_mismatch</c> otherwise, before anything is stored.
    /// </summary>
    public static void EnsureTypeAgrees(MessageType type, IEnumerable<AttachmentKind> kinds)
    {
        var required = type switch
        {
            MessageType.Image => AttachmentKind.Image,
            MessageType.Video => AttachmentKind.Video,
            MessageType.Audio => AttachmentKind.Audio,
            _ => (AttachmentKind?)null,
        };
        if (required is { } kind && kinds.Any(k => k != kind))
        {
            var name = type.ToString().ToLowerInvariant();
            throw ChatException.Validation(ErrorCodes.AttachmentKindMismatch, "type", $"A '{name}' message carries {name} attachments only; send others as 'file'.");
        }
    }
}
