namespace Chat.Shared.Domain;

/// <summary>
/// The version of a list entry: the conversation's <see cref="Conversation.LastChange"/> and the member's
/// <see cref="Member.ViewVersion"/> it was computed from. Entries are computed from a snapshot read in one request,
/// and both parts only grow, so any two versions are ordered; a projection never writes an older one over a newer.
/// </summary>
public readonly record struct ProjectionVersion(long Conversation, long Member)
{
    /// <summary>
    /// The rule of every list-entry write: only a newer version replaces a stored one (the conversation part first,
    /// then the member part).
    /// </summary>
    public bool IsNewerThan(ProjectionVersion stored) =>
        Conversation > stored.Conversation || (Conversation == stored.Conversation && Member > stored.Member);
}

/// <summary>A user's entry in their conversation list, in their own partition: the projection of their membership.</summary>
public sealed record UserConversation
{
    public required string UserId { get; init; }
    public required string ConversationId { get; init; }
    public required ConversationKind Kind { get; init; }
    public string? Title { get; init; }
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
    public string? Key { get; init; }
    public required IReadOnlyList<string> ParticipantIds { get; init; }
    public MessagePreview? LastMessage { get; init; }
    public required DateTimeOffset LastActivityAt { get; init; }
    public required long LastSequence { get; init; }
    public required long ReadSequence { get; init; }
    public required long UnreadCount { get; init; }
    public MemberRole? Role { get; init; }
    public MemberState State { get; init; }
    public DateTimeOffset? MutedUntil { get; init; }
    public bool Archived { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public required ListFolder Folder { get; init; }

    /// <summary>When the projection wrote the entry: the order of <c>sync</c> in the user's partition.</summary>
    public required DateTimeOffset SyncAt { get; init; }

    public required ProjectionVersion Version { get; init; }

    public bool IsMutedAt(DateTimeOffset now) => MutedUntil is { } until && until > now;

    /// <summary>
    /// The entry a member sees, as a pure function of the conversation and the member: the same inputs always give
    /// the same entry (but for <see cref="SyncAt"/>), so replays and duplicates of the change feed converge.
    /// </summary>
    public static UserConversation Project(Conversation conversation, Member member, DateTimeOffset syncAt) => new()
    {
        UserId = member.UserId,
        ConversationId = conversation.Id,
        Kind = conversation.Kind,
        Title = conversation.Title,
        Metadata = conversation.Metadata,
        Key = conversation.Key,
        ParticipantIds = conversation.MemberIds,
        LastMessage = conversation.LastMessage,
        LastActivityAt = conversation.LastActivityAt,
        LastSequence = conversation.LastSequence,
        ReadSequence = member.ReadSequence,
        UnreadCount = member.UnreadCount(conversation.LastSequence),
        Role = member.Role,
        State = member.State,
        MutedUntil = member.MutedUntil,
        Archived = member.Archived,
        ClosedAt = conversation.ClosedAt,
        Folder = member.FolderAt(conversation.LastSequence),
        SyncAt = syncAt,
        Version = new ProjectionVersion(conversation.LastChange, member.ViewVersion),
    };
}
