using Chat.Shared.Domain;
using Chat.Shared.Storage;
using Microsoft.Extensions.Options;

namespace Chat.Shared.Application;

/// <summary>What every chat service needs from outside, in one parameter object.</summary>
public sealed class ChatDependencies(
    IChatStore store,
    ITypingStore typing,
    IAttachmentStore attachments,
    TimeProvider clock,
    IIdGenerator ids,
    IOptions<ChatOptions> options)
{
    public IChatStore Store { get; } = store;
    public ITypingStore Typing { get; } = typing;
    public IAttachmentStore Attachments { get; } = attachments;
    public TimeProvider Clock { get; } = clock;
    public IIdGenerator Ids { get; } = ids;
    public ChatOptions Options { get; } = options.Value;

    /// <summary>The conversation if the user belongs to it; otherwise 404, exactly as if it did not exist.</summary>
    public async Task<Conversation> LoadConversationAsync(string? conversationId, string userId, CancellationToken cancellationToken)
    {
        var id = InputRules.ResourceId(conversationId, "conversationId");
        var conversation = await Store.GetConversationAsync(id, cancellationToken);
        if (conversation is null || !conversation.HasParticipant(userId))
        {
            throw ChatException.NotFound(ErrorCodes.ConversationNotFound, "The conversation does not exist.");
        }

        return conversation;
    }

    public static ChatException ConcurrencyExhausted() =>
        ChatException.Unavailable(ErrorCodes.ConcurrencyExhausted, "Too many concurrent changes to this conversation; retry shortly.");
}
