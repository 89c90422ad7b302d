using System.Collections.Concurrent;
using Chat.Shared.Domain;
using Chat.Shared.Realtime;
using Chat.Shared.Storage;

namespace Chat.Shared.Application;

/// <summary>
/// What the change feed reports for one conversation: whether its conversation document changed (every
/// conversation-level change writes it), and whose member documents did. Deliveries, messages and reservations are
/// not part of any list entry.
/// </summary>
public sealed record ProjectionChange(string ConversationId, bool ConversationChanged, IReadOnlyList<string> MemberIds);

/// <summary>
/// Keeps every member's list entry (user-partitioned) in step with the conversation, without reading the entries:
/// per changed conversation it reads the current state once, computes each affected entry
/// (<see cref="UserConversation.Project"/>) and writes it with one conditional write that only a newer
/// <see cref="ProjectionVersion"/> passes. A conversation-level change (a message created, edited, deleted or reacted
/// to, membership, title, lifecycle) writes one entry per active member, so <c>sync</c> tells every member to catch
/// up; a member change (a read receipt, the member's settings) only that member's. Replays, duplicates and late
/// batches converge, because every write is computed from the current state and never replaces a newer one.
/// </summary>
public sealed class ConversationListProjector(IChatStore store, TimeProvider clock)
{
    private const int Parallelism = 8;

    /// <summary>Applies the changes and returns <c>conversationUpdated</c> for the entries whose owner's own view changed.</summary>
    public async Task<IReadOnlyList<RealtimeEvent>> ApplyAsync(IReadOnlyList<ProjectionChange> changes, CancellationToken cancellationToken)
    {
        var events = new ConcurrentBag<RealtimeEvent>();
        var merged = changes.GroupBy(c => c.ConversationId, StringComparer.Ordinal)
            .Select(g => new ProjectionChange(g.Key, g.Any(c => c.ConversationChanged), g.SelectMany(c => c.MemberIds).Distinct(StringComparer.Ordinal).ToList()));
        await Parallel.ForEachAsync(
            merged,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (change, token) =>
            {
                foreach (var e in await ApplyAsync(change, token))
                {
                    events.Add(e);
                }
            });
        return events.ToList();
    }

    private async Task<IReadOnlyList<RealtimeEvent>> ApplyAsync(ProjectionChange change, CancellationToken cancellationToken)
    {
        var (conversation, members) = await SourceAsync(change, cancellationToken);
        if (conversation is null)
        {
            return [];
        }

        var syncAt = clock.GetUtcNow();
        var events = new ConcurrentBag<RealtimeEvent>();
        await Parallel.ForEachAsync(
            members,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (member, token) =>
            {
                var entry = UserConversation.Project(conversation, member, syncAt);
                if (await store.TryPutListEntryAsync(entry, token)
                    && ListUpdates.IsOwnViewChange(conversation, member, change.ConversationChanged, change.MemberIds.Contains(member.UserId)))
                {
                    events.Add(RealtimeEvent.ToUser(EventTargets.ConversationUpdated, member.UserId, Views.Summary(entry, syncAt)));
                }
            });
        return events.ToList();
    }

    /// <summary>
    /// The current state the entries are computed from, read in one request: for a conversation change the
    /// conversation and all members (its active members and the changed ones get entries); for member changes the
    /// conversation and those members.
    /// </summary>
    private async Task<(Conversation? Conversation, IReadOnlyList<Member> Members)> SourceAsync(ProjectionChange change, CancellationToken cancellationToken)
    {
        if (change.ConversationChanged)
        {
            var state = await store.GetStateAsync(change.ConversationId, cancellationToken);
            return state is null
                ? (null, [])
                : (state.Conversation, state.Members.Where(m => m.IsActive || change.MemberIds.Contains(m.UserId)).ToList());
        }

        var items = await store.ReadItemsAsync(change.ConversationId, new ItemKeys { MemberIds = change.MemberIds }, cancellationToken);
        return (items.Conversation, items.Members.Values.ToList());
    }
}

/// <summary>When a list change is announced to its owner.</summary>
public static class ListUpdates
{
    /// <summary>
    /// <c>conversationUpdated</c> goes to a member when their own view changed other than by a new message (clients
    /// derive unread and previews from <c>messageCreated</c>): their member document changed (a read on another
    /// device, mute, archive, role, joining or leaving) unless that change is the read position their own latest send
    /// moved, or the conversation's title, metadata or lifecycle changed in its latest write.
    /// </summary>
    public static bool IsOwnViewChange(Conversation conversation, Member member, bool conversationChanged, bool memberChanged)
    {
        var infoChanged = conversationChanged && conversation.Change == conversation.LastChange;
        var ownSend = conversationChanged && conversation.LastMessage?.SenderId == member.UserId
            && member.ReadSequence == conversation.LastSequence;
        return infoChanged || (memberChanged && !ownSend);
    }
}
