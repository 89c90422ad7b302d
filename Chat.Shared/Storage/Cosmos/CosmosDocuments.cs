using System.Text.Json;
using Chat.Shared.Domain;
using Chat.Shared.Storage.Cosmos.Documents;

namespace Chat.Shared.Storage.Cosmos;

/// <summary>
/// Mapping between the domain records and the stored documents. The domain stays free of storage attributes;
/// the Cosmos DB trigger (change feed) calls <see cref="IsConversation"/> and <see cref="ToConversation(JsonElement)"/>
/// on the raw documents of the <c>chat</c> container.
/// </summary>
public static class CosmosDocuments
{
    /// <summary>True for a conversation document (the change feed of <c>chat</c> also carries messages and attachments).</summary>
    public static bool IsConversation(JsonElement document) =>
        document.ValueKind == JsonValueKind.Object
        && document.TryGetProperty("type", out var type)
        && type.ValueKind == JsonValueKind.String
        && type.ValueEquals(DocumentTypes.Conversation);

    /// <summary>The conversation in a raw document of the <c>chat</c> container (check <see cref="IsConversation"/> first).</summary>
    public static Conversation ToConversation(JsonElement document) =>
        ToConversation(document.Deserialize<ConversationDocument>(CosmosJson.Options)
            ?? throw new JsonException("The document is not a conversation."));

    public static Conversation ToConversation(ConversationDocument d) => new()
    {
        Id = d.Id,
        Kind = d.Kind,
        Title = d.Title,
        Metadata = new Dictionary<string, string>(d.Metadata, StringComparer.Ordinal),
        CreatedBy = d.CreatedBy,
        CreatedAt = d.CreatedAt,
        Participants = d.Participants.Select(ToParticipant).ToList(),
        LastSequence = d.LastSequence,
        LastMessage = d.LastMessage is null ? null : ToPreview(d.LastMessage),
        LastActivityAt = d.LastActivityAt,
        Version = d.Version,
        ETag = d.ETag,
    };

    public static ConversationDocument ToDocument(Conversation c) => new()
    {
        Id = c.Id,
        ConversationId = c.Id,
        Kind = c.Kind,
        Title = c.Title,
        Metadata = new Dictionary<string, string>(c.Metadata, StringComparer.Ordinal),
        CreatedBy = c.CreatedBy,
        CreatedAt = c.CreatedAt,
        Participants = c.Participants.Select(ToDocument).ToList(),
        LastSequence = c.LastSequence,
        LastMessage = c.LastMessage is null ? null : ToDocument(c.LastMessage),
        LastActivityAt = c.LastActivityAt,
        Version = c.Version,
        ETag = c.ETag,
    };

    public static Message ToMessage(MessageDocument d) => new()
    {
        Id = d.Id,
        ConversationId = d.ConversationId,
        Sequence = d.Sequence,
        SenderId = d.SenderId,
        SenderName = d.SenderName,
        Type = d.MessageType,
        Content = d.Content,
        ReplyTo = d.ReplyTo is null ? null : new ReplyReference(d.ReplyTo.MessageId, d.ReplyTo.Sequence, d.ReplyTo.SenderId, d.ReplyTo.Preview),
        Attachments = d.Attachments.Select(a => new Attachment(a.Id, a.FileName, a.ContentType, a.SizeBytes, a.Kind, a.BlobName)).ToList(),
        Metadata = new Dictionary<string, string>(d.Metadata, StringComparer.Ordinal),
        CreatedAt = d.CreatedAt,
        EditedAt = d.EditedAt,
        DeletedAt = d.DeletedAt,
        ClientMessageId = d.ClientMessageId,
        ETag = d.ETag,
    };

    public static MessageDocument ToDocument(Message m) => new()
    {
        Id = m.Id,
        ConversationId = m.ConversationId,
        Sequence = m.Sequence,
        SenderId = m.SenderId,
        SenderName = m.SenderName,
        MessageType = m.Type,
        Content = m.Content,
        ReplyTo = m.ReplyTo is null ? null : new ReplyDocument
        {
            MessageId = m.ReplyTo.MessageId,
            Sequence = m.ReplyTo.Sequence,
            SenderId = m.ReplyTo.SenderId,
            Preview = m.ReplyTo.Preview,
        },
        Attachments = m.Attachments.Select(a => new AttachmentRefDocument
        {
            Id = a.Id,
            FileName = a.FileName,
            ContentType = a.ContentType,
            SizeBytes = a.SizeBytes,
            Kind = a.Kind,
            BlobName = a.BlobName,
        }).ToList(),
        Metadata = new Dictionary<string, string>(m.Metadata, StringComparer.Ordinal),
        CreatedAt = m.CreatedAt,
        EditedAt = m.EditedAt,
        DeletedAt = m.DeletedAt,
        ClientMessageId = m.ClientMessageId,
        ETag = m.ETag,
    };

    public static AttachmentReservation ToReservation(AttachmentDocument d) => new()
    {
        Id = d.Id,
        ConversationId = d.ConversationId,
        UploaderId = d.UploaderId,
        FileName = d.FileName,
        ContentType = d.ContentType,
        SizeBytes = d.SizeBytes,
        BlobName = d.BlobName,
        CreatedAt = d.CreatedAt,
        UploadExpiresAt = d.UploadExpiresAt,
        MessageId = d.MessageId,
        ETag = d.ETag,
    };

    /// <summary>
    /// The reservation document. Pending (no message yet): <c>ttl</c> = the upload URL's lifetime plus
    /// <paramref name="pendingLifetime"/>, counted from this write. Attached: no <c>ttl</c>, it lives with its message.
    /// </summary>
    public static AttachmentDocument ToDocument(AttachmentReservation r, TimeSpan pendingLifetime) => new()
    {
        Id = r.Id,
        ConversationId = r.ConversationId,
        UploaderId = r.UploaderId,
        FileName = r.FileName,
        ContentType = r.ContentType,
        SizeBytes = r.SizeBytes,
        BlobName = r.BlobName,
        CreatedAt = r.CreatedAt,
        UploadExpiresAt = r.UploadExpiresAt,
        MessageId = r.MessageId,
        Ttl = r.MessageId is null ? PendingTtlSeconds(r, pendingLifetime) : null,
        ETag = r.ETag,
    };

    public static UserConversation ToUserConversation(UserConversationDocument d) => new()
    {
        UserId = d.UserId,
        ConversationId = d.ConversationId,
        Kind = d.Kind,
        Title = d.Title,
        ParticipantIds = d.ParticipantIds.ToList(),
        LastMessage = d.LastMessage is null ? null : ToPreview(d.LastMessage),
        LastActivityAt = d.LastActivityAt,
        LastSequence = d.LastSequence,
        ReadSequence = d.ReadSequence,
        UnreadCount = d.UnreadCount,
        Version = d.Version,
        ETag = d.ETag,
    };

    public static UserConversationDocument ToDocument(UserConversation e) => new()
    {
        Id = e.ConversationId,
        UserId = e.UserId,
        ConversationId = e.ConversationId,
        Kind = e.Kind,
        Title = e.Title,
        ParticipantIds = e.ParticipantIds.ToList(),
        LastMessage = e.LastMessage is null ? null : ToDocument(e.LastMessage),
        LastActivityAt = e.LastActivityAt,
        LastSequence = e.LastSequence,
        ReadSequence = e.ReadSequence,
        UnreadCount = e.UnreadCount,
        Version = e.Version,
        ETag = e.ETag,
    };

    public static TypingState ToTypingState(TypingDocument d) => new(
        d.ConversationId,
        d.Id,
        DateTimeOffset.FromUnixTimeMilliseconds(d.ExpiresAtMs),
        d.ClaimedUntilMs is { } claimed ? DateTimeOffset.FromUnixTimeMilliseconds(claimed) : null,
        d.ETag,
        d.AnnouncedAtMs is { } announced ? DateTimeOffset.FromUnixTimeMilliseconds(announced) : null);

    /// <summary>
    /// The typing document. Its <c>ttl</c> outlives the state (and a claim on it) by <paramref name="backstop"/>,
    /// counted from <paramref name="now"/>: the sweep normally removes it first.
    /// </summary>
    public static TypingDocument ToDocument(TypingState s, DateTimeOffset now, TimeSpan backstop)
    {
        var until = s.ClaimedUntil is { } claimed && claimed > s.ExpiresAt ? claimed : s.ExpiresAt;
        return new TypingDocument
        {
            Id = s.UserId,
            ConversationId = s.ConversationId,
            ExpiresAtMs = s.ExpiresAt.ToUnixTimeMilliseconds(),
            ClaimedUntilMs = s.ClaimedUntil?.ToUnixTimeMilliseconds(),
            AnnouncedAtMs = s.AnnouncedAt?.ToUnixTimeMilliseconds(),
            Ttl = Seconds(until - now + backstop),
            ETag = s.ETag,
        };
    }

    private static int PendingTtlSeconds(AttachmentReservation r, TimeSpan pendingLifetime)
    {
        var urlLifetime = r.UploadExpiresAt > r.CreatedAt ? r.UploadExpiresAt - r.CreatedAt : TimeSpan.Zero;
        return Seconds(urlLifetime + pendingLifetime);
    }

    private static int Seconds(TimeSpan span) =>
        (int)Math.Clamp(Math.Ceiling(span.TotalSeconds), 1, int.MaxValue);

    private static Participant ToParticipant(ParticipantDocument p) =>
        new(p.UserId, p.DisplayName, p.JoinedAt, p.ReadSequence, p.ReadAt, p.DeliveredSequence, p.DeliveredAt);

    private static ParticipantDocument ToDocument(Participant p) => new()
    {
        UserId = p.UserId,
        DisplayName = p.DisplayName,
        JoinedAt = p.JoinedAt,
        ReadSequence = p.ReadSequence,
        ReadAt = p.ReadAt,
        DeliveredSequence = p.DeliveredSequence,
        DeliveredAt = p.DeliveredAt,
    };

    private static MessagePreview ToPreview(MessagePreviewDocument p) =>
        new(p.MessageId, p.Sequence, p.SenderId, p.MessageType, p.Text, p.CreatedAt, p.Deleted);

    private static MessagePreviewDocument ToDocument(MessagePreview p) => new()
    {
        MessageId = p.MessageId,
        Sequence = p.Sequence,
        SenderId = p.SenderId,
        MessageType = p.Type,
        Text = p.Text,
        CreatedAt = p.CreatedAt,
        Deleted = p.Deleted,
    };
}
