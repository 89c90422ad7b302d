using Chat.Shared.Domain;

namespace Chat.Shared.Storage;

/// <summary>
/// A user's documents in the conversation containers, as the profile projection, erasure and export need them. Every
/// method but <see cref="GetMembershipsAsync"/> works in one partition; that one is a cross-partition query for the
/// server routes and timers, never a user request.
/// </summary>
public interface IUserDataStore
{
    /// <summary>
    /// Conversations after <paramref name="afterConversationId"/> (in id order) in which the user has a member document,
    /// whatever its state: a cross-partition query on the <c>userId</c> index.
    /// </summary>
    Task<IReadOnlyList<string>> GetMembershipsAsync(string userId, string? afterConversationId, int limit, CancellationToken cancellationToken);

    /// <summary>The user's messages in one conversation after a sequence, oldest first (one single-partition query).</summary>
    Task<IReadOnlyList<Message>> GetMessagesBySenderAsync(
        string conversationId, string senderId, long afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>The attachment reservations the user made in one conversation (one single-partition query).</summary>
    Task<IReadOnlyList<AttachmentReservation>> GetAttachmentsByUploaderAsync(
        string conversationId, string uploaderId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the profile copy of the user's member document in a conversation, unless it holds the same or a newer version
    /// (one conditional patch). False when it was not written (newer already there, or no member document).
    /// </summary>
    Task<bool> TryPatchMemberProfileAsync(string conversationId, string userId, MemberProfile profile, CancellationToken cancellationToken);

    /// <summary>Deletes the user's member and delivery documents in a conversation. How many were deleted.</summary>
    Task<int> DeleteMemberAsync(string conversationId, string userId, CancellationToken cancellationToken);

    /// <summary>Deletes an attachment reservation. True when there was one.</summary>
    Task<bool> DeleteAttachmentAsync(string conversationId, string attachmentId, CancellationToken cancellationToken);

    /// <summary>A page of every list entry of the user (all folders), most recent activity first, from the user's partition.</summary>
    Task<IReadOnlyList<UserConversation>> GetAllListEntriesAsync(
        string userId, ConversationListPosition? after, int limit, CancellationToken cancellationToken);

    /// <summary>Deletes one of the user's list entries. True when there was one.</summary>
    Task<bool> DeleteListEntryAsync(string userId, string conversationId, CancellationToken cancellationToken);
}
