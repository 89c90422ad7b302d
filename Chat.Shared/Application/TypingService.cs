using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Realtime;

namespace Chat.Shared.Application;

/// <summary>
/// Typing indicators: a state that expires <see cref="ChatOptions.TypingTimeout"/> after the last call; a user's calls
/// are announced at most once per <see cref="ChatOptions.TypingEventInterval"/> with a start and once with a stop
/// (<see cref="TypingRules"/>), a stop of an announced start at once.
/// Writes are conditional on the state read; a call that loses to a concurrent write (another call of the same user,
/// the timer's claim) reads again and decides again, so concurrent calls announce once and a refresh is never lost.
/// </summary>
public sealed class TypingService(ChatDependencies deps)
{
    /// <summary>
    /// Starts, refreshes or ends typing. Events go to the conversation's group (one message whatever its size);
    /// clients ignore their own user's typing events.
    /// </summary>
    public async Task<ChatResult<TypingDto>> SetAsync(ChatUser user, string? conversationId, TypingRequest request, CancellationToken cancellationToken)
    {
        var conversation = (await deps.LoadAsMemberAsync(conversationId, user.Id, null, cancellationToken)).Conversation;
        if (request.IsTyping)
        {
            conversation.EnsureOpen();
        }

        for (var attempt = 1; ; attempt++)
        {
            var now = deps.Clock.GetUtcNow();
            var current = await deps.Typing.GetAsync(conversation.Id, user.Id, cancellationToken);
            var result = request.IsTyping
                ? await TryStartAsync(conversation, user, current, now, cancellationToken)
                : await TryStopAsync(conversation, user, current, now, cancellationToken);

            // Typing is best effort: after as many lost races as a send may lose, the call answers without an event.
            if (result is not null || attempt >= deps.Options.MaxConcurrencyRetries)
            {
                return result ?? ChatResult.Quiet(new TypingDto(conversation.Id, user.Id, request.IsTyping, null));
            }
        }
    }

    internal static TypingEvent ToEvent(TypingDto dto) => new(dto.ConversationId, dto.UserId, dto.IsTyping, dto.ExpiresAt);

    /// <summary>Null when the state changed since it was read.</summary>
    private async Task<ChatResult<TypingDto>?> TryStartAsync(
        Conversation conversation, ChatUser user, TypingState? current, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (next, announce) = TypingRules.Start(current, conversation.Id, user.Id, now, deps.Options);
        if (!await deps.Typing.TrySetAsync(next with { ETag = current?.ETag }, cancellationToken))
        {
            return null;
        }

        var started = new TypingDto(conversation.Id, user.Id, true, next.ExpiresAt);
        return announce
            ? new ChatResult<TypingDto>(started, [RealtimeEvent.ToConversation(EventTargets.Typing, conversation.Id, ToEvent(started))])
            : ChatResult.Quiet(started);
    }

    /// <summary>Null when the state changed since it was read.</summary>
    private async Task<ChatResult<TypingDto>?> TryStopAsync(
        Conversation conversation, ChatUser user, TypingState? current, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stopped = new TypingDto(conversation.Id, user.Id, false, null);
        if (current is null)
        {
            return ChatResult.Quiet(stopped);
        }

        var (keep, announce) = TypingRules.Stop(current, now, deps.Options);
        var events = announce ? [RealtimeEvent.ToConversation(EventTargets.Typing, conversation.Id, ToEvent(stopped))] : Array.Empty<RealtimeEvent>();
        if (keep is not null)
        {
            return await deps.Typing.TrySetAsync(keep with { ETag = current.ETag }, cancellationToken) ? new ChatResult<TypingDto>(stopped, events) : null;
        }

        return await deps.Typing.RemoveAsync(conversation.Id, user.Id, cancellationToken)
            ? new ChatResult<TypingDto>(stopped, events)
            : ChatResult.Quiet(stopped);
    }
}
