using System.Text.Json;
using Chat.Shared.Domain;
using Chat.Shared.Storage.Cosmos.Documents;

namespace Chat.Shared.Storage.Cosmos;

/// <summary>
/// Mapping between the domain records and the stored documents. The domain stays free of storage attributes. Reads
/// that return several kinds of documents (ReadMany, the state and change queries, the change feed) get raw
/// documents and dispatch on their <c>type</c> here.
/// </summary>
public static class CosmosDocuments
{
    /// <summary>The <c>type</c> of a raw document of the <c>chat</c> container, or null.</summary>
    public static string? TypeOf(JsonElement document) =>
        document.ValueKind == JsonValueKind.Object && document.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
            ? type.GetString()
            : null;

    public static T Read<T>(JsonElement document) =>
        document.Deserialize<T>(CosmosJson.Options) ?? throw new JsonException($"The document is not a {typeof(T).Name}.");

    public static Conversation ToConversation(ConversationDocument d) => new()
    {
        Id = d.Id,
        Kind = d.Kind,
        Title = d.Title,
        Metadata = new Dictionary<string, string>(d.Metadata, StringComparer.Ordinal),
        Key = d.Key,
        CreatedBy = d.CreatedBy,
        CreatedAt = d.CreatedAt,
        ClosedAt = d.ClosedAt,
        ClosedBy = d.ClosedBy,
        MemberIds = d.MemberIds.ToList(),
        LastMessage = d.LastMessage is null ? null : ToPreview(d.LastMessage),
        LastActivityAt = d.LastActivityAt,
        Change = d.Change,
        LastChange = d.LastChange,
        ETag = d.ETag,
    };

    public static ConversationDocument ToDocument(Conversation c) => new()
    {
        Id = c.Id,
        ConversationId = c.Id,
        Kind = c.Kind,
        Title = c.Title,
        Metadata = new Dictionary<string, string>(c.Metadata, StringComparer.Ordinal),
        Key = c.Key,
        CreatedBy = c.CreatedBy,
        CreatedAt = c.CreatedAt,
        ClosedAt = c.ClosedAt,
        ClosedBy = c.ClosedBy,
        MemberIds = c.MemberIds.ToList(),
        LastMessage = c.LastMessage is null ? null : ToDocument(c.LastMessage),
        LastActivityAt = c.LastActivityAt,
        Change = c.Change,
        LastChange = c.LastChange,
    };

    public static Member ToMember(MemberDocument d) => new()
    {
        ConversationId = d.ConversationId,
        UserId = d.UserId,
        DisplayName = d.DisplayName,
        Profile = d.Profile is null ? null : new MemberProfile(d.Profile.DisplayName, d.Profile.AvatarUrl, d.Profile.Version),
        Role = d.Role,
        State = d.State,
        JoinedAt = d.JoinedAt,
        LeftAt = d.LeftAt,
        RemovedBy = d.RemovedBy,
        ReadSequence = d.ReadSequence,
        ReadAt = d.ReadAt,
        ReadByReceipt = d.ReadByReceipt,
        MutedUntil = d.MutedUntil,
        Archived = d.Archived,
        ArchivedAtSequence = d.ArchivedAtSequence,
        Change = d.Change,
        ViewVersion = d.ViewVersion,
        ETag = d.ETag,
    };

    /// <summary>The member document; a member who left expires <paramref name="retention"/> after the write.</summary>
    public static MemberDocument ToDocument(Member m, TimeSpan retention) => new()
    {
        Id = DocumentTypes.MemberId(m.UserId),
        ConversationId = m.ConversationId,
        UserId = m.UserId,
        DisplayName = m.DisplayName,
        Profile = ToDocument(m.Profile),
        Role = m.Role,
        State = m.State,
        JoinedAt = m.JoinedAt,
        LeftAt = m.LeftAt,
        RemovedBy = m.RemovedBy,
        ReadSequence = m.ReadSequence,
        ReadAt = m.ReadAt,
        ReadByReceipt = m.ReadByReceipt,
        MutedUntil = m.MutedUntil,
        Archived = m.Archived,
        ArchivedAtSequence = m.ArchivedAtSequence,
        Change = m.Change,
        ViewVersion = m.ViewVersion,
        Ttl = MemberTtl(m.State, retention),
    };

    /// <summary>The profile copy of a member document (absent until the projection looked).</summary>
    public static MemberProfileDocument? ToDocument(MemberProfile? p) =>
        p is null ? null : new MemberProfileDocument { DisplayName = p.DisplayName, AvatarUrl = p.AvatarUrl, Version = p.Version };

    /// <summary>The <c>ttl</c> of a member document or list entry: members who left expire after the retention, others never (-1).</summary>
    public static int MemberTtl(MemberState state, TimeSpan retention) => state == MemberState.Left ? Seconds(retention) : -1;

    public static Delivery ToDelivery(DeliveryDocument d) => new(d.ConversationId, d.UserId, d.DeliveredSequence, d.DeliveredAt, d.ETag);

    public static DeliveryDocument ToDocument(Delivery d) => new()
    {
        Id = DocumentTypes.DeliveryId(d.UserId),
        ConversationId = d.ConversationId,
        UserId = d.UserId,
        DeliveredSequence = d.DeliveredSequence,
        DeliveredAt = d.DeliveredAt,
    };

    public static Message ToMessage(MessageDocument d) => new()
    {
        Id = d.Id,
        ConversationId = d.ConversationId,
        Sequence = d.Sequence,
        Change = d.Change,
        EditChange = d.EditChange,
        ReactionsChange = d.ReactionsChange,
        SenderId = d.SenderId,
        SenderName = d.SenderName,
        Type = d.MessageType,
        Content = d.Content,
        SystemEvent = d.SystemEvent,
        SystemUserIds = d.SystemUserIds?.ToList() ?? [],
        ReplyTo = d.ReplyTo is null ? null : new ReplyReference(d.ReplyTo.MessageId, d.ReplyTo.Sequence, d.ReplyTo.SenderId),
        Attachments = d.Attachments.Select(a => new Attachment(a.Id, a.FileName, a.ContentType, a.SizeBytes, a.Kind, a.BlobName)).ToList(),
        Reactions = d.Reactions.ToDictionary(r => r.Key, r => (IReadOnlyList<string>)r.Value.ToList(), StringComparer.Ordinal),
        Metadata = new Dictionary<string, string>(d.Metadata, StringComparer.Ordinal),
        CreatedAt = d.CreatedAt,
        EditedAt = d.EditedAt,
        DeletedAt = d.DeletedAt,
        DeletedBy = d.DeletedBy,
        ClientMessageId = d.ClientMessageId,
        ETag = d.ETag,
    };

    public static MessageDocument ToDocument(Message m) => new()
    {
        Id = m.Id,
        ConversationId = m.ConversationId,
        Sequence = m.Sequence,
        Change = m.Change,
        EditChange = m.EditChange,
        ReactionsChange = m.ReactionsChange,
        SenderId = m.SenderId,
        SenderName = m.SenderName,
        MessageType = m.Type,
        Content = m.Content,
        SystemEvent = m.SystemEvent,
        SystemUserIds = m.SystemUserIds.Count == 0 ? null : m.SystemUserIds.ToList(),
        ReplyTo = m.ReplyTo is null ? null : new ReplyDocument
        {
            MessageId = m.ReplyTo.MessageId,
            Sequence = m.ReplyTo.Sequence,
            SenderId = m.ReplyTo.SenderId,
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
        Reactions = m.Reactions.ToDictionary(r => r.Key, r => r.Value.ToList(), StringComparer.Ordinal),
        Metadata = new Dictionary<string, string>(m.Metadata, StringComparer.Ordinal),
        CreatedAt = m.CreatedAt,
        EditedAt = m.EditedAt,
        DeletedAt = m.DeletedAt,
        DeletedBy = m.DeletedBy,
        ClientMessageId = m.ClientMessageId,
    };

    public static UserConversation ToUserConversation(UserConversationDocument d) => new()
    {
        UserId = d.UserId,
        ConversationId = d.ConversationId,
        Kind = d.Summary.Kind,
        Title = d.Summary.Title,
        Metadata = new Dictionary<string, string>(d.Metadata, StringComparer.Ordinal),
        Key = d.Key,
        ParticipantIds = d.Summary.ParticipantIds.ToList(),
        LastMessage = d.Summary.LastMessage is null ? null : ToPreview(d.Summary.LastMessage),
        LastActivityAt = d.LastActivityAt,
        LastSequence = d.Summary.LastSequence,
        ReadSequence = d.Summary.ReadSequence,
        UnreadCount = d.UnreadCount,
        Role = d.Summary.Role,
        State = d.Summary.State,
        MutedUntil = d.Summary.MutedUntil,
        Archived = d.Summary.Archived,
        ClosedAt = d.Summary.ClosedAt,
        Folder = d.Folder,
        SyncAt = d.SyncAt,
        Version = new ProjectionVersion(d.ConversationVersion, d.MemberVersion),
    };

    public static UserConversationDocument ToDocument(UserConversation e, TimeSpan retention) => new()
    {
        Id = e.ConversationId,
        UserId = e.UserId,
        ConversationId = e.ConversationId,
        Folder = e.Folder,
        LastActivityAt = e.LastActivityAt,
        UnreadCount = e.UnreadCount,
        SyncAt = e.SyncAt,
        Key = e.Key,
        Metadata = new Dictionary<string, string>(e.Metadata, StringComparer.Ordinal),
        ConversationVersion = e.Version.Conversation,
        MemberVersion = e.Version.Member,
        Ttl = MemberTtl(e.State, retention),
        Summary = new ListSummaryDocument
        {
            Kind = e.Kind,
            Title = e.Title,
            ParticipantIds = e.ParticipantIds.ToList(),
            LastMessage = e.LastMessage is null ? null : ToDocument(e.LastMessage),
            LastSequence = e.LastSequence,
            ReadSequence = e.ReadSequence,
            Role = e.Role,
            State = e.State,
            MutedUntil = e.MutedUntil,
            Archived = e.Archived,
            ClosedAt = e.ClosedAt,
        },
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

    public static TypingState ToTypingState(TypingDocument d) => new(
        d.ConversationId,
        d.Id,
        DateTimeOffset.FromUnixTimeMilliseconds(d.ExpiresAtMs),
        d.ClaimedUntilMs is { } claimed ? DateTimeOffset.FromUnixTimeMilliseconds(claimed) : null,
        d.ETag,
        d.AnnouncedAtMs is { } announced ? DateTimeOffset.FromUnixTimeMilliseconds(announced) : null,
        d.Hidden);

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
            Hidden = s.Hidden,
            Ttl = Seconds(until - now + backstop),
            ETag = s.ETag,
        };
    }

    public static UserPresence ToPresence(PresenceDocument d) => new()
    {
        UserId = d.UserId,
        Online = d.Online,
        LastSeenAt = d.LastSeenAt,
        Version = d.Version,
        Connections = d.Connections.Select(c => new PresenceConnection(c.Id, c.ConnectedAt, c.ConfirmedAt)).ToList(),
        Closed = d.Closed.Select(c => new ClosedConnection(c.Id, c.ClosedAt)).ToList(),
        OfflineSince = d.OfflineSince,
        DueAt = d.DueAtMs is { } due ? DateTimeOffset.FromUnixTimeMilliseconds(due) : null,
        ETag = d.ETag,
    };

    /// <summary>The presence document; <c>dueAtMs</c> is rounded up to the millisecond, so the sweep never finds it early.</summary>
    public static PresenceDocument ToDocument(UserPresence p) => new()
    {
        Id = p.UserId,
        UserId = p.UserId,
        Online = p.Online,
        LastSeenAt = p.LastSeenAt,
        Version = p.Version,
        Connections = p.Connections.Select(c => new PresenceConnectionDocument { Id = c.ConnectionId, ConnectedAt = c.ConnectedAt, ConfirmedAt = c.ConfirmedAt }).ToList(),
        Closed = p.Closed.Select(c => new ClosedConnectionDocument { Id = c.ConnectionId, ClosedAt = c.ClosedAt }).ToList(),
        OfflineSince = p.OfflineSince,
        DueAtMs = p.DueAt is { } due ? CeilingMilliseconds(due) : null,
        ETag = p.ETag,
    };

    private static long CeilingMilliseconds(DateTimeOffset time)
    {
        var milliseconds = time.ToUnixTimeMilliseconds();
        return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) < time ? milliseconds + 1 : milliseconds;
    }

    private static int PendingTtlSeconds(AttachmentReservation r, TimeSpan pendingLifetime)
    {
        var urlLifetime = r.UploadExpiresAt > r.CreatedAt ? r.UploadExpiresAt - r.CreatedAt : TimeSpan.Zero;
        return Seconds(urlLifetime + pendingLifetime);
    }

    private static int Seconds(TimeSpan span) =>
        (int)Math.Clamp(Math.Ceiling(span.TotalSeconds), 1, int.MaxValue);

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
