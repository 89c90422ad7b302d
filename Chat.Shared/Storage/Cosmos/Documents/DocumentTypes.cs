namespace Chat.Shared.Storage.Cosmos.Documents;

/// <summary>Values of the <c>type</c> discriminator and the fixed-shape document ids of a conversation's partition.</summary>
public static class DocumentTypes
{
    public const string Conversation = "conversation";
    public const string Member = "member";
    public const string Delivery = "delivery";
    public const string Message = "message";
    public const string Attachment = "attachment";
    public const string UserConversation = "userConversation";
    public const string Typing = "typing";
    public const string Presence = "presence";

    /// <summary>A conversation's event publishing and notification state (container <c>events</c>, partition = conversation id).</summary>
    public const string EventState = "eventState";

    /// <summary>A user's profile (container <c>users</c>, id <see cref="ProfileId"/>).</summary>
    public const string Profile = "profile";

    /// <summary>"The user is or was in this conversation" (container <c>users</c>, id <see cref="ConversationRefId"/>).</summary>
    public const string ConversationRef = "conversationRef";

    /// <summary>A user's erasure and how far it got (container <c>users</c>, id <see cref="ErasureId"/>).</summary>
    public const string Erasure = "erasure";

    /// <summary>A user listed in the directory (container <c>directory</c>, id = user id).</summary>
    public const string DirectoryEntry = "directoryEntry";

    /// <summary>The id of a user's profile in their partition of <c>users</c> (one per partition).</summary>
    public static string ProfileId => "profile";

    /// <summary>The id of a user's erasure in their partition of <c>users</c> (one per partition).</summary>
    public static string ErasureId => "erasure";

    /// <summary>A member's id. Server-made resource ids never contain <c>:</c>, so no document kind can share an id with another.</summary>
    public static string MemberId(string userId) => "member:" + userId;

    public static string DeliveryId(string userId) => "delivery:" + userId;

    public static string ConversationRefId(string conversationId) => "conversation:" + conversationId;
}
