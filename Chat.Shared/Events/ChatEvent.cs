namespace Chat.Shared.Events;

/// <summary>
/// One event to the app's backend, independent of the transport: published as a CloudEvents 1.0 event with this
/// <see cref="Id"/> (stable: the same change always gets the same id, so subscribers de-duplicate), <see cref="Type"/>
/// (<see cref="ChatEventTypes"/>), <see cref="Subject"/>, <see cref="Time"/> and <see cref="Data"/> as camelCase JSON.
/// </summary>
public sealed record ChatEvent(string Id, string Type, string Subject, DateTimeOffset Time, object Data);

/// <summary>The <c>type</c> of every event FuncChat publishes to the app's backend (docs/events.md).</summary>
public static class ChatEventTypes
{
    public const string ConversationCreated = "chat.conversation.created";
    public const string MessageCreated = "chat.message.created";
    public const string MessageEdited = "chat.message.edited";
    public const string MessageReactionsChanged = "chat.message.reactions_changed";
    public const string MessageDeleted = "chat.message.deleted";
    public const string MessagesRead = "chat.messages.read";
    public const string MembersAdded = "chat.members.added";
    public const string MemberRemoved = "chat.member.removed";
    public const string MemberLeft = "chat.member.left";
    public const string MemberRoleChanged = "chat.member.role_changed";
    public const string MemberOwnerHandedOver = "chat.member.owner_handed_over";
    public const string ConversationRenamed = "chat.conversation.renamed";
    public const string ConversationMetadataChanged = "chat.conversation.metadata_changed";
    public const string ConversationClosed = "chat.conversation.closed";
    public const string ConversationReopened = "chat.conversation.reopened";
    public const string NotificationDue = "chat.notification.due";
    public const string UserErased = "chat.user.erased";

    /// <summary>
    /// Membership and lifecycle changes each post a system message; its creation is published under the type of what
    /// happened (with the message in its data) instead of <see cref="MessageCreated"/>. Other system messages (an
    /// app's own, posted through the server API) are published as <see cref="MessageCreated"/>. Metadata changes post
    /// none: <see cref="ConversationMetadataChanged"/> comes from the conversation document.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> OfSystemEvent = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Domain.SystemEvents.MembersAdded] = MembersAdded,
        [Domain.SystemEvents.MemberRemoved] = MemberRemoved,
        [Domain.SystemEvents.MemberLeft] = MemberLeft,
        [Domain.SystemEvents.RoleChanged] = MemberRoleChanged,
        [Domain.SystemEvents.OwnerHandedOver] = MemberOwnerHandedOver,
        [Domain.SystemEvents.ConversationRenamed] = ConversationRenamed,
        [Domain.SystemEvents.ConversationClosed] = ConversationClosed,
        [Domain.SystemEvents.ConversationReopened] = ConversationReopened,
    };

    /// <summary>Every type, for documentation checks.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        ConversationCreated, MessageCreated, MessageEdited, MessageReactionsChanged, MessageDeleted, MessagesRead,
        MembersAdded, MemberRemoved, MemberLeft, MemberRoleChanged, MemberOwnerHandedOver,
        ConversationRenamed, ConversationMetadataChanged, ConversationClosed, ConversationReopened,
        NotificationDue, UserErased,
    ];
}
