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
/// <param name="Metadata">The conversation's metadata the batch's events show, to remember (null: nothing to remember).</param>
/// <param name="AnnouncedMessages">The messages whose creation the batch announces (what notifications are about).</param>
/// <param name="DeletedSequences">The messages whose deletion the batch publishes.</param>
public sealed record DerivedEvents(
    IReadOnlyList<ChatEvent> Events, bool Announced, Conversation? Snapshot, IReadOnlyDictionary<string, string>? Metadata, IReadOnlyList<PendingMessage> AnnouncedMessages,
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
        IReadOnlyDictionary<string, string>? metadata = null;
        if (announce)
        {
            events.Add(ChatEvents.ConversationCreated((snapshot ?? current)!));
            metadata = (snapshot ?? current)!.Metadata;
        }

        var announced = new List<PendingMessage>();
        var deleted = new List<long>();
        ChatEvent? metadataChanged = null;
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
                    when conversation == snapshot && !announce && state.HasUnpublishedMetadata(conversation):
                    // The conversation document is part of every write of the batch: its change comes last.
                    metadataChanged = ChatEvents.ConversationMetadataChanged(conversation, changed.WrittenAt ?? now);
                    metadata = conversation.Metadata;
                    break;
                case ChangedMember { Member: var member }
                    when member.IsActive && member.ReadByReceipt && member.ReadSequence > 0:
                    events.Add(ChatEvents.MessagesRead(member));
                    break;
            }
        }

        if (metadataChanged is not null)
        {
            events.Add(metadataChanged);
        }

        return new DerivedEvents(events, announce, snapshot, metadata, announced, deleted);
    }

    /// <summary>
    /// Membership and lifecycle notices (joined, left, renamed, closed…) make no notification due: they are history,
    /// not something to push. An app's own system messages (server API) do, like every other message.
    /// </summary>
    private static bool IsMembershipOrLifecycleNotice(Message message) =>
        message is { Type: MessageType.System, SystemEvent: { } systemEvent } && ChatEventTypes.OfSystemEvent.ContainsKey(systemEvent);

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
