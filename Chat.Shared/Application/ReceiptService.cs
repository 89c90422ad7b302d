using System.Collections.Concurrent;
using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Realtime;
using Chat.Shared.Storage;

namespace Chat.Shared.Application;

/// <summary>
/// Read and delivery receipts: positions that only move forward, each written to one small document of the
/// receipt's author (read: the member document; delivered: the delivery document), never to anything a send
/// depends on, so receipts never make a send retry.
/// </summary>
public sealed class ReceiptService(ChatDependencies deps)
{
    /// <summary>Marks read up to the message (default: the latest). Reading also counts as delivered.</summary>
    public async Task<ChatResult<PositionDto>> MarkReadAsync(ChatUser user, string? conversationId, MarkPositionRequest request, CancellationToken cancellationToken)
    {
        var (membership, sequence) = await TargetAsync(user, conversationId, request.MessageId, cancellationToken);
        var delivery = membership.Items.Deliveries.GetValueOrDefault(user.Id);
        if (sequence <= membership.Member.ReadSequence)
        {
            return ChatResult.Quiet(Views.Position(membership.Conversation.Id, membership.Member.Position(delivery)));
        }

        var now = deps.Clock.GetUtcNow();
        var updated = await deps.Store.TryAdvanceReadAsync(membership.Conversation.Id, user.Id, sequence, now, cancellationToken);
        if (updated is null)
        {
            return ChatResult.Quiet(await CurrentPositionAsync(user, membership.Conversation.Id, cancellationToken));
        }

        var read = new MessagesReadEvent(membership.Conversation.Id, user.Id, sequence, now);
        return new ChatResult<PositionDto>(
            Views.Position(membership.Conversation.Id, updated.Position(delivery)),
            [RealtimeEvent.ToConversation(EventTargets.MessagesRead, membership.Conversation.Id, read)]);
    }

    /// <summary>
    /// Mark-all-read of a notification list: every conversation <c>GET /api/unread</c> lists for the caller (unread, any
    /// folder but left, muted ones included) is marked read up to the last message its list entry shows, that is, what
    /// the caller was shown; a message the list does not show yet stays unread. Only the caller's own entries (their
    /// partition) and only conversations they are an active member of are touched. Cost: one query of the caller's
    /// partition, then one patch of the caller's member document per unread conversation; one <c>messagesRead</c> per
    /// conversation whose position moved.
    /// </summary>
    public async Task<ChatResult<ReadAllDto>> MarkAllReadAsync(ChatUser user, CancellationToken cancellationToken)
    {
        var entries = await deps.Store.GetUnreadConversationsAsync(user.Id, cancellationToken);
        var now = deps.Clock.GetUtcNow();
        var moved = new ConcurrentBag<Member>();
        await Parallel.ForEachAsync(
            entries.Where(e => e.UnreadCount > 0 && e.Folder != ListFolder.Left),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (entry, token) =>
            {
                if (await deps.Store.TryAdvanceReadAsync(entry.ConversationId, user.Id, entry.LastSequence, now, token) is { } member)
                {
                    moved.Add(member);
                }
            });

        var members = moved.OrderBy(m => m.ConversationId, StringComparer.Ordinal).ToList();
        return new ChatResult<ReadAllDto>(
            new ReadAllDto(members.Select(m => new ReadPositionDto(m.ConversationId, m.ReadSequence, m.ReadAt)).ToList()),
            members.Select(m => RealtimeEvent.ToConversation(
                EventTargets.MessagesRead, m.ConversationId, new MessagesReadEvent(m.ConversationId, user.Id, m.ReadSequence, now))).ToList());
    }

    public async Task<ChatResult<PositionDto>> MarkDeliveredAsync(ChatUser user, string? conversationId, MarkPositionRequest request, CancellationToken cancellationToken)
    {
        if (request.MessageId is null)
        {
            throw ChatException.Validation(ErrorCodes.InvalidId, "messageId", "messageId is required.");
        }

        var (membership, sequence) = await TargetAsync(user, conversationId, request.MessageId, cancellationToken);
        var position = membership.Member.Position(membership.Items.Deliveries.GetValueOrDefault(user.Id));
        if (sequence <= position.DeliveredSequence)
        {
            return ChatResult.Quiet(Views.Position(membership.Conversation.Id, position));
        }

        var now = deps.Clock.GetUtcNow();
        var delivered = await deps.Store.TryAdvanceDeliveredAsync(membership.Conversation.Id, user.Id, sequence, now, cancellationToken);
        if (delivered is null)
        {
            return ChatResult.Quiet(await CurrentPositionAsync(user, membership.Conversation.Id, cancellationToken));
        }

        var @event = new MessagesDeliveredEvent(membership.Conversation.Id, user.Id, sequence, now);
        return new ChatResult<PositionDto>(
            Views.Position(membership.Conversation.Id, membership.Member.Position(delivered)),
            [RealtimeEvent.ToConversation(EventTargets.MessagesDelivered, membership.Conversation.Id, @event)]);
    }

    /// <summary>The membership (with the caller's delivery position) and the sequence the receipt names: the message's, or the latest.</summary>
    private async Task<(Membership Membership, long Sequence)> TargetAsync(
        ChatUser user, string? conversationId, string? messageId, CancellationToken cancellationToken)
    {
        if (messageId is not null)
        {
            InputRules.ResourceId(messageId, "messageId");
        }

        var keys = new ItemKeys { DeliveryIds = [user.Id], MessageIds = messageId is null ? [] : [messageId] };
        var membership = await deps.LoadAsMemberAsync(conversationId, user.Id, keys, cancellationToken);
        if (messageId is null)
        {
            return (membership, membership.Conversation.LastSequence);
        }

        var message = membership.Items.Messages.GetValueOrDefault(messageId)
            ?? throw ChatException.NotFound(ErrorCodes.MessageNotFound, "The message does not exist.");
        return (membership, message.Sequence);
    }

    /// <summary>The positions as stored now, after a write found them already there (another device was first).</summary>
    private async Task<PositionDto> CurrentPositionAsync(ChatUser user, string conversationId, CancellationToken cancellationToken)
    {
        var membership = await deps.LoadAsMemberAsync(conversationId, user.Id, new ItemKeys { DeliveryIds = [user.Id] }, cancellationToken);
        return Views.Position(conversationId, membership.Member.Position(membership.Items.Deliveries.GetValueOrDefault(user.Id)));
    }
}
