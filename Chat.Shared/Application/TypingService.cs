using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Realtime;

namespace Chat.Shared.Application;

/// <summary>Typing indicators: a state that expires <see cref="ChatOptions.TypingTimeout"/> after the last call.</summary>
public sealed class TypingService(ChatDependencies deps)
{
    /// <summary>
    /// Starts, refreshes or ends typing. Events go to the conversation's group (one message whatever its size);
    /// clients ignore their own user's typing events.
    /// </summary>
    public async Task<ChatResult<TypingDto>> SetAsync(ChatUser user, string? conversationId, TypingRequest request, CancellationToken cancellationToken)
    {
        var membership = await deps.LoadAsMemberAsync(conversationId, user.Id, null, cancellationToken);
        var id = membership.Conversation.Id;
        if (request.IsTyping)
        {
            membership.Conversation.EnsureOpen();
            var expiresAt = deps.Clock.GetUtcNow() + deps.Options.TypingTimeout;
            await deps.Typing.SetAsync(new TypingState(id, user.Id, expiresAt), cancellationToken);
            var started = new TypingDto(id, user.Id, true, expiresAt);
            return new ChatResult<TypingDto>(started, [RealtimeEvent.ToConversation(EventTargets.Typing, id, ToEvent(started))]);
        }

        var stopped = new TypingDto(id, user.Id, false, null);
        return await deps.Typing.RemoveAsync(id, user.Id, cancellationToken)
            ? new ChatResult<TypingDto>(stopped, [RealtimeEvent.ToConversation(EventTargets.Typing, id, ToEvent(stopped))])
            : ChatResult.Quiet(stopped);
    }

    internal static TypingEvent ToEvent(TypingDto dto) => new(dto.ConversationId, dto.UserId, dto.IsTyping, dto.ExpiresAt);
}
