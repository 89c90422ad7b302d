using Chat.Shared.Domain;

namespace Chat.Shared.Events;

/// <summary>A document the <c>chat</c> container's change feed handed over, in its latest version.</summary>
public abstract record ChangedDocument(string ConversationId);

/// <param name="WrittenAt">When the version was written (the feed's <c>_ts</c>), if known.</param>
public sealed record ChangedConversation(Conversation Conversation, DateTimeOffset? WrittenAt = null) : ChangedDocument(Conversation.Id);

public sealed record ChangedMember(Member Member) : ChangedDocument(Member.ConversationId);

/// <param name="WrittenAt">When the version was written (the feed's <c>_ts</c>), if known.</param>
public sealed record ChangedMessage(Message Message, DateTimeOffset? WrittenAt) : ChangedDocument(Message.ConversationId);

/// <summary>What one batch of a conversation's changed documents stands for.</summary>
/// <param name="Events">The events to publish, in feed (commit) order.</param>
/// <param name="Announced">Whether <see cref="Events"/> announce the conversation's creation.</param>
/// <param name="Snapshot">The batch's latest conversation document, where the publisher's cursor moves to.</param>
/// <param name="InfoChange">The <see cref="Conversation.Change"/> the batch's conversation event shows (0: none).</param>
/// <param name="AnnouncedMessages">The messages whose creation the batch announces (what notifications are about).</param>
/// <param name="DeletedSequences">The messages whose deletion the batch publishes.</param>
public sealed record DerivedEvents(
    IReadOnlyList<ChatEvent> Events, bool Announced, Conversation? Snapshot, long InfoChange, IReadOnlyList<PendingMessage> AnnouncedMessages,
    IReadOnlyList<long> DeletedSequences);

/// <summary>
/// Which domain events a batch of the change feed stands for. The feed shows each document once, in its latest
/// version; the message document remembers the positions of its latest edit and reaction change
/// (<see cref="Message.EditChange"/>, <see cref="Message.ReactionsChange"/>) and the publisher remembers how far it got
/// (<see cref="ConversationEventState"/>), so every fact is published once when the feed shows it as it happens, and
/// still published when the feed folded it into a later version (a message created and edited before the feed read
/// it gives its creation and its edit). A replay of documents the cursor passed publishes nothing new; read positions
/// carry no change position: a member version whose position a read receipt set
/// (<see cref="Member.ReadByReceipt"/>; not a send, which counts as reading, nor joining) publishes it, again with the
/// same id when the version is replayed or changed otherwise (settings, role).
/// </summary>
public static class ChatEventDerivation
{
    /// <param name="state">How far the publisher got with this conversation.</param>
    /// <param name="documents">The conversation's documents of one batch, in feed order.</param>
    /// <param name="current">
    /// The conversation as read now, when its creation has not been announced and the batch has no conversation document.
    /// </param>
    /// <param name="now">The time for versions without a write time.</param>
    public static DerivedEvents Derive(ConversationEventState state, IReadOnlyList<ChangedDocument> documents, Conversation? current, DateTimeOffset now)
    {
        var events = new List<ChatEvent>();
        var snapshot = documents.OfType<ChangedConversation>().Select(c => c.Conversation).MaxBy(c => c.LastChange);
        var announce = !state.Announced && (snapshot ?? current) is not null;
        var infoChange = 0L;
        if (announce)
        {
            events.Add(ChatEvents.ConversationCreated((snapshot ?? current)!));
            infoChange = (snapshot ?? current)!.Change;
        }

        var announced = new List<PendingMessage>();
        var deleted = new List<long>();
        foreach (var document in documents)
        {
            switch (document)
            {
                case ChangedMessage { Message: var message } changed:
                    events.AddRange(MessageEvents(state, message, changed.WrittenAt ?? now));
                    if (state.IsUnannounced(message) && !message.IsDeleted && !IsMembershipOrLifecycleNotice(message))
                    {
                        announced.Add(new PendingMessage(message.Sequence, message.CreatedAt));
                    }

                    if (message.IsDeleted && state.IsUnpublished(message.Change))
                    {
                        deleted.Add(message.Sequence);
                    }

                    break;
                case ChangedConversation { Conversation: var conversation } changed
                    when conversation == snapshot && !announce && state.IsUnpublishedInfo(conversation) && !AnnouncedBySystemMessage(conversation, documents):
                    events.Add(ChatEvents.ConversationUpdated(conversation, changed.WrittenAt ?? now));
                    infoChange = conversation.Change;
                    break;
                case ChangedMember { Member: var member }
                    when member.IsActive && member.ReadByReceipt && member.ReadSequence > 0:
                    events.Add(ChatEvents.MessagesRead(member));
                    break;
            }
        }

        return new DerivedEvents(events, announce, snapshot, infoChange, announced, deleted);
    }

    /// <summary>
    /// Membership and lifecycle notices (joined, left, renamed, closed…) make no notification due: they are history,
    /// not something to push. An app's own system messages (server API) do, like every other message.
    /// </summary>
    private static bool IsMembershipOrLifecycleNotice(Message message) =>
        message is { Type: MessageType.System, SystemEvent: { } systemEvent } && ChatEventTypes.OfSystemEvent.ContainsKey(systemEvent);

    /// <summary>
    /// Whether the conversation's latest change of its own properties posted a system message (rename, close, reopen),
    /// whose event says what happened: that message took the position just before the change's.
    /// </summary>
    private static bool AnnouncedBySystemMessage(Conversation conversation, IReadOnlyList<ChangedDocument> documents) =>
        documents.OfType<ChangedMessage>().Any(d => d.Message is { Type: MessageType.System, SystemEvent: { } systemEvent } message
            && ChatEventTypes.InfoSystemEvents.Contains(systemEvent) && message.Change == conversation.Change - 1);

    /// <summary>
    /// The facts of one message version the publisher has not published: its creation (unless it is already a
    /// tombstone: then its deletion says all), its latest edit and reaction change in position order, its deletion.
    /// </summary>
    private static IEnumerable<ChatEvent> MessageEvents(ConversationEventState state, Message message, DateTimeOffset writtenAt)
    {
        if (message.IsDeleted)
        {
            if (state.IsUnpublished(message.Change))
            {
                yield return ChatEvents.MessageDeleted(message);
            }

            yield break;
        }

        if (state.IsUnannounced(message))
        {
            yield return ChatEvents.MessageCreated(message);
        }

        var changes = new List<(long Position, ChatEvent Event)>();
        if (message.EditChange > 0 && state.IsUnpublished(message.EditChange))
        {
            changes.Add((message.EditChange, ChatEvents.MessageEdited(message)));
        }

        if (message.ReactionsChange > 0 && state.IsUnpublished(message.ReactionsChange))
        {
            changes.Add((message.ReactionsChange, ChatEvents.MessageReactionsChanged(message, writtenAt)));
        }

        foreach (var (_, change) in changes.OrderBy(c => c.Position))
        {
            yield return change;
        }
    }
}
