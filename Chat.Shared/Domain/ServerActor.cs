namespace Chat.Shared.Domain;

/// <summary>
/// The app's own backend (the server principal) as it appears in conversations: the sender of the messages it posts,
/// the <c>createdBy</c>, <c>removedBy</c> and <c>closedBy</c> of what it does. Its id contains <c>#</c>, which no user
/// id can (<see cref="ChatIds.IsValidUserId"/>), so it is never confused with a user, and it is never a member.
/// </summary>
public static class ServerActor
{
    public const string Id = "#server";

    public static bool Is(string? id) => string.Equals(id, Id, StringComparison.Ordinal);

    /// <summary>The server as the author of a change, with the configured sender name.</summary>
    public static ChatUser For(ChatOptions options) => new(Id, string.IsNullOrWhiteSpace(options.Server.DisplayName) ? null : options.Server.DisplayName);

    /// <summary>
    /// The server's authority in a conversation: an owner's (decision: the server may do whatever an owner may —
    /// add, remove, change roles, rename, close, reopen — in any conversation, without being a member). Membership
    /// rules take it as the acting member; it is never stored.
    /// </summary>
    public static Member AsOwner(string conversationId, DateTimeOffset at) => new()
    {
        ConversationId = conversationId,
        UserId = Id,
        Role = MemberRole.Owner,
        JoinedAt = at,
    };
}
