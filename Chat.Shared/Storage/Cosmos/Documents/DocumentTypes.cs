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
    public const string EventState = "eventState";

    /// <summary>A member's id. Server-made resource ids never contain <c>:</c>, so no document kind can share an id with another.</summary>
    public static string MemberId(string userId) => "member:" + userId;

    public static string DeliveryId(string userId) => "delivery:" + userId;
}
