using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Realtime;

namespace Chat.Shared.Application;

/// <summary>
/// Typing indicators: a state that expires <see cref="ChatOptions.TypingTimeout"/> after the last call, announced to
/// the other participants at most once per <see cref="ChatOptions.TypingEventInterval"/> (<see cref="TypingRules"/>).
/// Writes are conditional on the state read, so concurrent calls of one user announce once.
/// </summary>
public sealed class TypingService(ChatDependencies deps)
{
    public async Task<ChatResult<TypingDto>> SetAsync(ChatUser user, string? conversationId, TypingRequest request, CancellationToken cancellationToken)
    {
        var conversation = await deps.LoadConversationAsync(conversationId, user.Id, cancellationToken);
        var now = deps.Clock.GetUtcNow();
        var current = await deps.Typing.GetAsync(conversation.Id, user.Id, cancellationToken);
        return request.IsTyping
            ? await StartAsync(conversation, user, current, now, cancellationToken)
            : await StopAsync(conversation, user, current, now, cancellationToken);
    }

    internal static TypingEvent ToEvent(TypingDto dto) => new(dto.ConversationId, dto.UserId, dto.IsTyping, dto.ExpiresAt);

    private async Task<ChatResult<TypingDto>> StartAsync(
        Conversation conversation, ChatUser user, TypingState? current, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (next, announce) = TypingRules.Start(current, conversation.Id, user.Id, now, deps.Options);
        var started = new TypingDto(conversation.Id, user.Id, true, next.ExpiresAt);

        // Lost to a concurrent call of the same user: its write (and its announcement, if any) stands.
        return await deps.Typing.TrySetAsync(next with { ETag = current?.ETag }, cancellationToken) && announce
            ? new ChatResult<TypingDto>(started, Views.ToParticipants(conversation, EventTargets.Typing, ToEvent(started), except: user.Id))
            : ChatResult.Quiet(started);
    }

    private async Task<ChatResult<TypingDto>> StopAsync(
        Conversation conversation, ChatUser user, TypingState? current, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stopped = new TypingDto(conversation.Id, user.Id, false, null);
        if (current is null)
        {
            return ChatResult.Quiet(stopped);
        }

        if (TypingRules.DeferredStop(current, now, deps.Options) is { } deferred)
        {
            await deps.Typing.TrySetAsync(deferred, cancellationToken);
            return ChatResult.Quiet(stopped);
        }

        return await deps.Typing.RemoveAsync(conversation.Id, user.Id, cancellationToken)
            ? new ChatResult<TypingDto>(stopped, Views.ToParticipants(conversation, EventTargets.Typing, ToEvent(stopped), except: user.Id))
            : ChatResult.Quiet(stopped);
    }
}
