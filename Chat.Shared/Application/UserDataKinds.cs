namespace Chat.Shared.Application;

/// <summary>
/// Every kind of document the store holds (the <c>type</c> of each document; the store's own catalogue is
/// <c>DocumentTypes</c>), and what export and erasure do with a user's documents of that kind. A kind added to the
/// store without an entry here fails a test, so no new data about users escapes export or erasure.
/// </summary>
public static class UserDataKinds
{
    public const string Conversation = "conversation";
    public const string Member = "member";
    public const string Delivery = "delivery";
    public const string Message = "message";
    public const string Attachment = "attachment";
    public const string UserConversation = "userConversation";
    public const string Typing = "typing";
    public const string Presence = "presence";
    public const string EventState = "eventState";
    public const string Profile = "profile";
    public const string ConversationRef = "conversationRef";
    public const string Erasure = "erasure";
    public const string DirectoryEntry = "directoryEntry";

    /// <summary>Each kind: what the export returns of it, and what erasure leaves of the user's ones.</summary>
    public static IReadOnlyDictionary<string, UserDataHandling> Handling { get; } = new Dictionary<string, UserDataHandling>(StringComparer.Ordinal)
    {
        [Conversation] = new("each conversation the user is or was in", ErasureOutcome.Kept,
            "kept: it belongs to the other members; the user is removed from its members"),
        [Member] = new("the user's member document of each conversation", ErasureOutcome.Deleted, "the user is removed, then the document deleted"),
        [Delivery] = new("the user's delivery position of each conversation", ErasureOutcome.Deleted, "deleted"),
        [Message] = new("every message the user sent", ErasureOutcome.Scrubbed,
            "tombstones: no content, attachments, metadata, reactions, sender name or client message id; sequence and sender id stay"),
        [Attachment] = new("every upload the user reserved", ErasureOutcome.Deleted, "deleted, with their blobs"),
        [UserConversation] = new("every entry of the user's conversation list", ErasureOutcome.Deleted, "deleted"),
        [Typing] = new("the user's live typing states", ErasureOutcome.Deleted, "deleted"),
        [Presence] = new("the user's presence (online, last seen, open connections)", ErasureOutcome.Deleted,
            "deleted (a connection the user still has open writes a new one)"),
        [EventState] = new("how far the user's notifications of each conversation are settled (notified or skipped through a sequence)",
            ErasureOutcome.Scrubbed, "the user's position leaves the conversation's notification window; the conversation's publishing state stays"),
        [Profile] = new("the user's profile", ErasureOutcome.Deleted, "deleted"),
        [ConversationRef] = new("the conversations the user is or was in", ErasureOutcome.Deleted, "deleted"),
        [Erasure] = new("the user's last erasure", ErasureOutcome.Kept, "kept as the record of the erasure (no personal data; expires after the sync retention)"),
        [DirectoryEntry] = new("the user's directory entry", ErasureOutcome.Deleted, "deleted"),
    };
}

/// <summary>What erasure leaves of a user's document.</summary>
public enum ErasureOutcome { Deleted, Scrubbed, Kept }

/// <summary>How export and erasure treat one kind of document.</summary>
public sealed record UserDataHandling(string Exported, ErasureOutcome Erasure, string ErasureDetail);
