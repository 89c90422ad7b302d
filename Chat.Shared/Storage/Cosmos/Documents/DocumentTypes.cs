namespace Chat.Shared.Storage.Cosmos.Documents;

/// <summary>Values of the <c>type</c> discriminator: the chat container holds three kinds of documents.</summary>
public static class DocumentTypes
{
    public const string Conversation = "conversation";
    public const string Message = "message";
    public const string Attachment = "attachment";
    public const string UserConversation = "userConversation";
    public const string Typing = "typing";
}
