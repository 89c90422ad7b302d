using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Realtime;
using Chat.Shared.Storage;

namespace Chat.Shared.Application;

/// <summary>Read and delivery receipts: one position per participant that only moves forward (one document written).</summary>
public sealed class ReceiptService(ChatDependencies deps)
{
    /// <summary>Marks read up to the message (default: the latest). Reading also counts as delivered.</summary>
    public Task<ChatResult<PositionDto>> MarkReadAsync(ChatUser user, string? conversationId, MarkPositionRequest request, CancellationToken cancellationToken) =>
        AdvanceAsync(user, conversationId, request.MessageId, PositionKind.Read, cancellationToken);

    public Task<ChatResult<PositionDto>> MarkDeliveredAsync(ChatUser user, string? conversationId, MarkPositionRequest request, CancellationToken cancellationToken) =>
        request.MessageId is null
            ? throw ChatException.Validation(ErrorCodes.InvalidId, "messageId", "messageId is required.")
            : AdvanceAsync(user, conversationId, request.MessageId, PositionKind.Delivered, cancellationToken);

    private async Task<ChatResult<PositionDto>> AdvanceAsync(
        ChatUser user, string? conversationId, string? messageId, PositionKind kind, CancellationToken cancellationToken)
    {
        if (messageId is not null)
        {
            InputRules.ResourceId(messageId, "messageId");
        }

        var conversation = await deps.LoadConversationAsync(conversationId, user.Id, cancellationToken);
        var sequence = conversation.LastSequence;
        if (messageId is not null)
        {
            var message = await deps.Store.GetMessageAsync(conversation.Id, messageId, cancellationToken)
                ?? throw ChatException.NotFound(ErrorCodes.MessageNotFound, "The message does not exist.");
            sequence = message.Sequence;
        }

        var current = conversation.FindParticipant(user.Id)!;
        if (sequence <= Position(current, kind))
        {
            return ChatResult.Quiet(Views.Position(conversation.Id, current));
        }

        var now = deps.Clock.GetUtcNow();
        var updated = await deps.Store.AdvancePositionAsync(conversation, user.Id, kind, sequence, now, cancellationToken);
        if (updated is null)
        {
            var latest = await deps.LoadConversationAsync(conversation.Id, user.Id, cancellationToken);
            return ChatResult.Quiet(Views.Position(conversation.Id, latest.FindParticipant(user.Id)!));
        }

        object payload = kind == PositionKind.Read
            ? new MessagesReadEvent(conversation.Id, user.Id, sequence, now)
            : new MessagesDeliveredEvent(conversation.Id, user.Id, sequence, now);
        var target = kind == PositionKind.Read ? EventTargets.MessagesRead : EventTargets.MessagesDelivered;
        return new ChatResult<PositionDto>(Views.Position(conversation.Id, updated.FindParticipant(user.Id)!), Views.ToParticipants(updated, target, payload));
    }

    private static long Position(Participant participant, PositionKind kind) =>
        kind == PositionKind.Read ? participant.ReadSequence : participant.DeliveredSequence;
}
