using System.Security.Cryptography;
using System.Text;

namespace Chat.Shared.Domain;

/// <summary>
/// What the publisher of events to the app's backend keeps per conversation: how far it has published the
/// conversation's change feed, and the conversation's pending read-aware notifications with a sweep's claim on them.
/// One small document per conversation (container <c>events</c>), written by the change feed once per batch that
/// changed the conversation and by the notification sweep, both under its ETag.
/// </summary>
public sealed record ConversationEventState
{
    public required string ConversationId { get; init; }

    /// <summary><c>chat.conversation.created</c> went out.</summary>
    public bool Announced { get; init; }

    /// <summary>
    /// The <see cref="Conversation.LastChange"/> of the latest conversation document the publisher processed. The
    /// conversation document is part of every conversation-level write, and the change feed hands over a partition's
    /// documents in commit order (a write's documents together), so by then every document's version up to this
    /// position had been handed over: a change at or below it was published.
    /// </summary>
    public long PublishedChange { get; init; }

    /// <summary>The <see cref="Conversation.LastSequence"/> of that document: every message up to it was announced.</summary>
    public long PublishedSequence { get; init; }

    /// <summary>
    /// A digest of the conversation's metadata as last published (<see cref="MetadataDigest"/>): metadata changes post no
    /// system message, so the publisher tells them by comparing digests.
    /// </summary>
    public string? PublishedMetadata { get; init; }

    public NotificationWindow Notifications { get; init; } = NotificationWindow.Empty;

    /// <summary>A notification sweep holds the state until then (null: nobody does).</summary>
    public DateTimeOffset? ClaimedUntil { get; init; }

    public string? ETag { get; init; }

    public static ConversationEventState New(string conversationId) => new() { ConversationId = conversationId };

    /// <summary>A message whose creation has not been published yet (the feed may show it first in a later version).</summary>
    public bool IsUnannounced(Message message) => message.Sequence > PublishedSequence;

    /// <summary>A change position not published yet.</summary>
    public bool IsUnpublished(long position) => position > PublishedChange;

    /// <summary>
    /// Whether <paramref name="snapshot"/>, a conversation document newer than the cursor, shows metadata other than
    /// what was last published.
    /// </summary>
    public bool HasUnpublishedMetadata(Conversation snapshot) =>
        IsUnpublished(snapshot.LastChange) && MetadataDigest(snapshot.Metadata) != PublishedMetadata;

    /// <summary>A short, order-independent digest of metadata (SHA-256 over the ordinally sorted pairs, 16 bytes, base64).</summary>
    public static string MetadataDigest(IReadOnlyDictionary<string, string> metadata)
    {
        var text = string.Concat(metadata.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}\0{p.Value}\0"));
        return Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
    }

    /// <summary>
    /// The state after a batch was published: the cursor moves to the batch's latest conversation document
    /// (<paramref name="snapshot"/>; never back, none when the batch had none), and the messages it announced join the
    /// notification window (when notifications are on).
    /// </summary>
    /// <param name="metadata">The conversation's metadata the batch's conversation events showed (null: none).</param>
    /// <param name="deletedSequences">Messages the batch shows deleted: they make nobody's notification due any more.</param>
    public ConversationEventState AfterBatch(
        Conversation? snapshot, bool announced, IReadOnlyDictionary<string, string>? metadata, IReadOnlyList<PendingMessage> announcedMessages, IReadOnlyList<long> deletedSequences,
        NotificationOptionsValues notifications) =>
        this with
        {
            Announced = Announced || announced,
            PublishedChange = Math.Max(PublishedChange, snapshot?.LastChange ?? 0),
            PublishedSequence = Math.Max(PublishedSequence, snapshot?.LastSequence ?? 0),
            PublishedMetadata = metadata is null ? PublishedMetadata : MetadataDigest(metadata),
            Notifications = notifications.Enabled
                ? Notifications.With(announcedMessages, notifications.Delay, notifications.WindowCapacity).Without(deletedSequences)
                : Notifications,
        };

    /// <summary>The state without <paramref name="userId"/>'s settled position (an erasure of the user).</summary>
    public ConversationEventState Forgetting(string userId) => this with
    {
        Notifications = Notifications with
        {
            Settled = Notifications.Settled.Where(p => p.Key != userId).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        },
    };

    /// <summary>What the state holds about <paramref name="userId"/> (their settled position), or null.</summary>
    public NotificationProgress? ProgressOf(string userId) =>
        Notifications.Settled.TryGetValue(userId, out var through) ? new NotificationProgress(ConversationId, userId, through) : null;

    /// <summary>Whether a sweep may claim it at <paramref name="now"/>: notifications are due and nobody holds a live claim.</summary>
    public bool IsDueAt(DateTimeOffset now) =>
        Notifications.DueAt is { } due && due <= now && (ClaimedUntil is null || ClaimedUntil <= now);
}

/// <summary>The notification settings the domain rules need (from <c>Chat:Notifications</c>).</summary>
public sealed record NotificationOptionsValues(bool Enabled, TimeSpan Delay, int WindowCapacity);

/// <summary>How far a member's notifications in a conversation are settled: notified or skipped through a sequence.</summary>
public sealed record NotificationProgress(string ConversationId, string UserId, long SettledThrough);

/// <summary>A message a notification may be about: its sequence and when it was sent.</summary>
public sealed record PendingMessage(long Sequence, DateTimeOffset At);

/// <summary>
/// The read-aware notifications pending in one conversation, O(1) in its size: the messages sent since everybody was
/// settled (<see cref="Floor"/>), and for members settled further (notified, or skipped because they were muted or
/// online when due) how far. A member's notification is due <c>Delay</c> after the first message they have neither
/// read nor been settled for; a read on any device moves their read position and so cancels it.
/// </summary>
public sealed record NotificationWindow
{
    public static readonly NotificationWindow Empty = new();

    /// <summary>Every member is settled up to this sequence.</summary>
    public long Floor { get; init; }

    /// <summary>
    /// Messages above <see cref="Floor"/>, ascending. When more than the capacity arrive, one entry stands for the
    /// sequences since the entry before it, with the time of its own (latest) message: a due time is never early.
    /// </summary>
    public IReadOnlyList<PendingMessage> Messages { get; init; } = [];

    /// <summary>Members settled beyond <see cref="Floor"/>: user id → settled through this sequence.</summary>
    public IReadOnlyDictionary<string, long> Settled { get; init; } = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>The earliest time a member may be due (a hint for the sweep's query; null: nothing pending).</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>The last sequence the window knows.</summary>
    public long Last => Messages.Count == 0 ? Floor : Messages[^1].Sequence;

    /// <summary>
    /// The window with newly announced messages: those beyond <see cref="Last"/> (a replay adds nothing); an empty
    /// window starts at the first of them, so older history never counts.
    /// </summary>
    public NotificationWindow With(IEnumerable<PendingMessage> announced, TimeSpan delay, int capacity)
    {
        var fresh = announced.Where(m => m.Sequence > Last).OrderBy(m => m.Sequence).ToList();
        if (fresh.Count == 0)
        {
            return this;
        }

        var messages = Messages.Concat(fresh).ToList();
        while (messages.Count > Math.Max(2, capacity))
        {
            messages.RemoveAt(messages.Count - 2);
        }

        var firstDue = fresh[0].At + delay;
        return this with
        {
            Floor = Messages.Count == 0 ? Math.Max(Floor, fresh[0].Sequence - 1) : Floor,
            Messages = messages,
            DueAt = DueAt is { } due && due < firstDue ? due : firstDue,
        };
    }

    /// <summary>
    /// The window without deleted messages: a deleted message is no reason to notify anyone. Only an entry that stands
    /// for that one message goes (one standing for several keeps them); a window left without messages is due never.
    /// </summary>
    public NotificationWindow Without(IReadOnlyList<long> deletedSequences)
    {
        var messages = Messages.ToList();
        foreach (var sequence in deletedSequences)
        {
            var index = messages.FindIndex(m => m.Sequence == sequence);
            if (index >= 0 && (index == 0 ? Floor : messages[index - 1].Sequence) == sequence - 1)
            {
                messages.RemoveAt(index);
            }
        }

        return messages.Count == Messages.Count ? this
            : messages.Count == 0 ? new NotificationWindow { Floor = Floor, Settled = Settled }
            : this with { Messages = messages };
    }

    /// <summary>How far <paramref name="member"/> is done: read, settled, or below the floor.</summary>
    public long DoneThrough(Member member) =>
        Math.Max(Math.Max(Floor, member.ReadSequence), Settled.GetValueOrDefault(member.UserId));

    /// <summary>The first message <paramref name="member"/> is not done with, or null.</summary>
    public PendingMessage? FirstPending(Member member)
    {
        var done = DoneThrough(member);
        return Messages.FirstOrDefault(m => m.Sequence > done);
    }

    /// <summary>Whether <paramref name="member"/> is due at <paramref name="now"/> and would be notified unless online.</summary>
    public bool IsCandidate(Member member, DateTimeOffset now, TimeSpan delay) =>
        member.IsActive && FirstPending(member) is { } first && first.At + delay <= now && !member.IsMutedAt(now);

    /// <summary>
    /// What a sweep at <paramref name="now"/> does for one member: nothing (nothing pending, or not due yet), settle
    /// them silently (muted, or online: they see the conversation in the app), or notify them of every message they
    /// have not read or been notified of, in one event with the count.
    /// </summary>
    public NotificationDecision Decide(Member member, DateTimeOffset now, TimeSpan delay, bool online)
    {
        if (!member.IsActive || FirstPending(member) is not { } first || first.At + delay > now)
        {
            return NotificationDecision.None;
        }

        var done = DoneThrough(member);
        return member.IsMutedAt(now) || online
            ? new NotificationDecision(NotificationAction.Skip, member.UserId, done + 1, Last, first.At)
            : new NotificationDecision(NotificationAction.Notify, member.UserId, done + 1, Last, first.At);
    }

    /// <summary>
    /// The window after a sweep settled <paramref name="settled"/> (user id → through), applied to the latest stored
    /// window (messages may have arrived meanwhile): the floor rises to what every active member is done with, what
    /// is below it is dropped, positions of users who are no longer active members go (nothing is due to them), and
    /// the due time becomes the earliest first-pending message of a member plus the delay. Applying the same
    /// settlement twice changes nothing.
    /// </summary>
    public NotificationWindow Settle(IReadOnlyDictionary<string, long> settled, IReadOnlyList<Member> activeMembers, TimeSpan delay)
    {
        var active = activeMembers.Select(m => m.UserId).ToHashSet(StringComparer.Ordinal);
        var merged = Settled.Where(p => active.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var (userId, through) in settled.Where(p => active.Contains(p.Key)))
        {
            merged[userId] = Math.Max(merged.GetValueOrDefault(userId), through);
        }

        var withSettled = this with { Settled = merged };
        var floor = activeMembers.Count == 0 ? Last : Math.Min(Last, activeMembers.Min(withSettled.DoneThrough));
        floor = Math.Max(Floor, floor);
        var messages = Messages.Where(m => m.Sequence > floor).ToList();
        if (messages.Count == 0)
        {
            return new NotificationWindow { Floor = floor };
        }

        var result = new NotificationWindow
        {
            Floor = floor,
            Messages = messages,
            Settled = merged.Where(p => p.Value > floor).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        };
        var firstPending = activeMembers.Select(result.FirstPending).OfType<PendingMessage>().Select(m => m.At).ToList();
        return result with { DueAt = firstPending.Count == 0 ? messages[0].At + delay : firstPending.Min() + delay };
    }
}

public enum NotificationAction { None, Skip, Notify }

/// <summary>
/// What a sweep does for one member: <see cref="NotificationAction.Notify"/> of the messages
/// <see cref="FromSequence"/>..<see cref="ThroughSequence"/>, the first of them sent at <see cref="FirstAt"/>; or
/// <see cref="NotificationAction.Skip"/> (settled without an event); or nothing.
/// </summary>
public sealed record NotificationDecision(NotificationAction Action, string UserId, long FromSequence, long ThroughSequence, DateTimeOffset FirstAt)
{
    public static readonly NotificationDecision None = new(NotificationAction.None, "", 0, 0, DateTimeOffset.MinValue);

    public long Count => ThroughSequence - FromSequence + 1;
}
