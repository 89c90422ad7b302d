using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Realtime;

namespace Chat.Shared.Application;

/// <summary>Typing indicators: a state that expires <see cref="ChatOptions.TypingTimeout"/> after the last call.</summary>
public sealed class TypingService(ChatDependencies deps)
{
    public async Task<ChatResult<TypingDto>> SetAsync(ChatUser user, string? conversationId, TypingRequest request, CancellationToken cancellationToken)
    {
        var conversation = await deps.LoadConversationAsync(conversationId, user.Id, cancellationToken);
        if (request.IsTyping)
        {
            var expiresAt = deps.Clock.GetUtcNow() + deps.Options.TypingTimeout;
            await deps.Typing.SetAsync(new TypingState(conversation.Id, user.Id, expiresAt), cancellationToken);
            var started = new TypingDto(conversation.Id, user.Id, true, expiresAt);
            return new ChatResult<TypingDto>(started, Views.ToParticipants(conversation, EventTargets.Typing, ToEvent(started), except: user.Id));
        }

        var stopped = new TypingDto(conversation.Id, user.Id, false, null);
        return await deps.Typing.RemoveAsync(conversation.Id, user.Id, cancellationToken)
            ? new ChatResult<TypingDto>(stopped, Views.ToParticipants(conversation, EventTargets.Typing, ToEvent(stopped), except: user.Id))
            : ChatResult.Quiet(stopped);
    }

    internal static TypingEvent ToEvent(TypingDto dto) => new(dto.ConversationId, dto.UserId, dto.IsTyping, dto.ExpiresAt);
}
