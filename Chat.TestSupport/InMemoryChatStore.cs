using System.Collections.Concurrent;
using System.Text.Json;
using Chat.Shared.Application;
using Chat.Shared.Domain;
using Chat.Shared.Storage;
using Chat.Shared.Storage.Cosmos;

namespace Chat.TestSupport;

/// <summary>
/// Test double of the chat store with the Cosmos DB store's semantics: one atomic conditional commit evaluated in the
/// batch's operation order, conditional patches, forward-only positions, version-ordered list entries, and a change
/// feed with latest-version semantics that tests drain through the real projection. It counts what the Cosmos store
/// would send and write (requests, documents, bytes of the stored JSON) and can inject latency and faults.
/// </summary>
public sealed partial class InMemoryChatStore : IChatStore, IUserDataStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ConversationData> _conversations = new(StringComparer.Ordinal);
    private readonly Dictionary<(string User, string Conversation), UserConversation> _lists = [];
    private readonly List<(string ConversationId, string? MemberId)> _feed = [];
    private readonly TimeSpan _retention = TimeSpan.FromDays(30);
    private int _feedDrained;
    private long _etagCounter;
    private readonly Dictionary<(string Conversation, string Id), (long Position, JsonElement Document)> _documentFeed = [];
    private long _documentPosition;
    private long _documentsDrained;

    /// <summary>Calls per port method, for "did it touch the store" checks.</summary>
    public ConcurrentDictionary<string, int> Calls { get; } = new();

    /// <summary>What the Cosmos DB store would have sent and written.</summary>
    public StoreMetrics Metrics { get; } = new();

    /// <summary>Runs before every call with the operation name; throw from it to inject a fault.</summary>
    public Action<string>? BeforeCall { get; set; }

    /// <summary>Awaited before every call (outside the store's lock): injected latency, so concurrent callers interleave.</summary>
    public Func<string, Task>? Latency { get; set; }

    public async Task<ConversationItems> ReadItemsAsync(string conversationId, ItemKeys keys, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(ReadItemsAsync));
        lock (_gate)
        {
            var data = _conversations.GetValueOrDefault(conversationId);
            return new ConversationItems(
                data?.Conversation,
                Pick(data?.Members, keys.MemberIds),
                Pick(data?.Deliveries, keys.DeliveryIds),
                Pick(data?.Messages, keys.MessageIds),
                Pick(data?.Attachments, keys.AttachmentIds));
        }
    }

    public async Task<ConversationState?> GetStateAsync(string conversationId, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(GetStateAsync));
        lock (_gate)
        {
            return _conversations.GetValueOrDefault(conversationId) is { Conversation: { } conversation } data
                ? new ConversationState(conversation, data.Members.Values.OrderBy(m => m.JoinedAt).ToList(),
                    new Dictionary<string, Delivery>(data.Deliveries, StringComparer.Ordinal))
                : null;
        }
    }

    public async Task<IReadOnlyList<Message>> GetMessagesAsync(string conversationId, MessageQuery query, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(GetMessagesAsync));
        lock (_gate)
        {
            IEnumerable<Message> messages = _conversations.TryGetValue(conversationId, out var data) ? data.Messages.Values : [];
            return query.After is { } after
                ? messages.Where(m => m.Sequence > after).OrderBy(m => m.Sequence).Take(query.Limit).ToList()
                : messages.Where(m => m.Sequence < (query.Before ?? long.MaxValue)).OrderByDescending(m => m.Sequence).Take(query.Limit).ToList();
        }
    }

    public async Task<IReadOnlyList<ConversationChange>> GetChangesAsync(string conversationId, long after, int limit, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(GetChangesAsync));
        lock (_gate)
        {
            if (!_conversations.TryGetValue(conversationId, out var data))
            {
                return [];
            }

            var changes = data.Messages.Values.Select(m => new ConversationChange(m.Change, Message: m))
                .Concat(data.Members.Values.Select(m => new ConversationChange(m.Change, Member: m)))
                .Concat(data.Conversation is { } c ? [new ConversationChange(c.Change, Conversation: c)] : []);
            return changes.Where(c => c.Position > after).OrderBy(c => c.Position).Take(limit).ToList();
        }
    }

    public async Task<bool> TryCreateConversationAsync(ConversationWrite write, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(TryCreateConversationAsync));
        lock (_gate)
        {
            var id = write.Expected.Id;
            if (_conversations.TryGetValue(id, out var existing) && existing.Conversation is not null)
            {
                Metrics.AddRequests(1);
                return false;
            }

            var data = new ConversationData();
            data.Conversation = StoreConversation(id, write.StoredConversation);
            foreach (var member in write.Members)
            {
                PutMember(id, data, member.Member);
            }

            foreach (var message in write.NewMessages)
            {
                PutMessage(data, message);
            }

            _conversations[id] = data;
            var inFinalBatch = 100 - 1 - write.NewMessages.Count;
            var extra = Math.Max(0, write.Members.Count - inFinalBatch);
            Metrics.AddRequests(extra == 0 ? 1 : 1 + ((extra + 99) / 100) + 1);
            return true;
        }
    }

    public async Task<CommitOutcome> TryCommitAsync(ConversationWrite write, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(TryCommitAsync));
        lock (_gate)
        {
            Metrics.AddRequests(1);
            var id = write.Expected.Id;
            if (!_conversations.TryGetValue(id, out var data) || data.Conversation?.ETag != write.Expected.ETag)
            {
                return CommitOutcome.ConversationChanged;
            }

            if (write.NewMessages.Any(m => data.Messages.ContainsKey(m.Id)))
            {
                return CommitOutcome.MessageExists;
            }

            if (write.ChangedMessages.Any(m => !data.Messages.TryGetValue(m.Id, out var stored) || stored.ETag != m.ETag))
            {
                return CommitOutcome.MessageChanged;
            }

            if (write.Members.Any(m => m.Kind == MemberWriteKind.UpdateMembership && !data.Members.ContainsKey(m.Member.UserId))
                || (write.SenderRead is { } read && !data.Members.ContainsKey(read.UserId)))
            {
                return CommitOutcome.ConversationChanged;
            }

            if (write.Members.Any(m => m.Kind == MemberWriteKind.Create && data.Members.ContainsKey(m.Member.UserId)))
            {
                throw new InvalidOperationException("Cosmos DB failed commit with status 409/0.");
            }

            if (write.Reservations.Any(r => !data.Attachments.TryGetValue(r.Id, out var stored) || stored.ETag != r.ETag))
            {
                return CommitOutcome.AttachmentChanged;
            }

            data.Conversation = StoreConversation(id, write.StoredConversation);
            foreach (var message in write.NewMessages.Concat(write.ChangedMessages))
            {
                PutMessage(data, message);
            }

            foreach (var member in write.Members)
            {
                var stored = data.Members.GetValueOrDefault(member.Member.UserId);
                var updated = member.Kind == MemberWriteKind.UpdateMembership
                    ? stored! with
                    {
                        Role = member.Member.Role,
                        State = member.Member.State,
                        LeftAt = member.Member.LeftAt,
                        RemovedBy = member.Member.RemovedBy,
                        Change = member.Member.Change,
                        ViewVersion = stored.ViewVersion + 1,
                        ReadSequence = member.WithReadPosition ? member.Member.ReadSequence : stored.ReadSequence,
                        ReadAt = member.WithReadPosition ? member.Member.ReadAt : stored.ReadAt,
                        ReadByReceipt = !member.WithReadPosition && stored.ReadByReceipt,
                    }
                    : member.Member;
                PutMember(id, data, updated);
            }

            if (write.SenderRead is { } senderRead)
            {
                PutMember(id, data, data.Members[senderRead.UserId] with
                {
                    ReadSequence = senderRead.Sequence,
                    ReadAt = senderRead.At,
                    ReadByReceipt = false,
                    DisplayName = senderRead.DisplayName ?? data.Members[senderRead.UserId].DisplayName,
                });
            }

            foreach (var reservation in write.Reservations)
            {
                data.Attachments[reservation.Id] = Stored(reservation, CosmosDocuments.ToDocument(reservation, TimeSpan.FromDays(1)));
            }

            return CommitOutcome.Committed;
        }
    }

    public async Task<Member?> TryAdvanceReadAsync(string conversationId, string userId, long sequence, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(TryAdvanceReadAsync));
        lock (_gate)
        {
            Metrics.AddRequests(1);
            if (!_conversations.TryGetValue(conversationId, out var data) || !data.Members.TryGetValue(userId, out var member)
                || !member.IsActive || member.ReadSequence >= sequence)
            {
                return null;
            }

            return PutMember(conversationId, data, member with { ReadSequence = sequence, ReadAt = at, ReadByReceipt = true, ViewVersion = member.ViewVersion + 1 });
        }
    }

    public async Task<Delivery?> TryAdvanceDeliveredAsync(string conversationId, string userId, long sequence, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(TryAdvanceDeliveredAsync));
        lock (_gate)
        {
            Metrics.AddRequests(1);
            if (!_conversations.TryGetValue(conversationId, out var data))
            {
                return null;
            }

            if (data.Deliveries.TryGetValue(userId, out var current) && current.DeliveredSequence >= sequence)
            {
                return null;
            }

            if (current is null)
            {
                Metrics.AddRequests(1);
            }

            var delivery = new Delivery(conversationId, userId, sequence, at);
            return data.Deliveries[userId] = Stored(delivery, CosmosDocuments.ToDocument(delivery));
        }
    }

    public async Task<Member?> TryUpdateSettingsAsync(string conversationId, string userId, MemberSettings settings, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(TryUpdateSettingsAsync));
        lock (_gate)
        {
            Metrics.AddRequests(1);
            if (!_conversations.TryGetValue(conversationId, out var data) || !data.Members.TryGetValue(userId, out var member) || !member.IsActive)
            {
                return null;
            }

            var updated = member with { ViewVersion = member.ViewVersion + 1 };
            if (settings.Muted is { } muted)
            {
                updated = updated with { MutedUntil = muted.Until };
            }

            if (settings.Archived is { } archived)
            {
                updated = updated with { Archived = archived.Archived, ArchivedAtSequence = archived.AtSequence };
            }

            return PutMember(conversationId, data, updated);
        }
    }

    public async Task<bool> TryCreateAttachmentAsync(AttachmentReservation reservation, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(TryCreateAttachmentAsync));
        lock (_gate)
        {
            Metrics.AddRequests(1);
            var data = Data(reservation.ConversationId);
            if (data.Attachments.ContainsKey(reservation.Id))
            {
                return false;
            }

            data.Attachments[reservation.Id] = Stored(reservation, CosmosDocuments.ToDocument(reservation, TimeSpan.FromDays(1)));
            return true;
        }
    }

    public async Task<IReadOnlyList<AttachmentReservation>> GetAbandonedAttachmentsAsync(
        DateTimeOffset uploadExpiredBefore, int limit, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(GetAbandonedAttachmentsAsync));
        lock (_gate)
        {
            return _conversations.Values.SelectMany(d => d.Attachments.Values)
                .Where(a => a.MessageId is null && a.UploadExpiresAt < uploadExpiredBefore)
                .OrderBy(a => a.UploadExpiresAt)
                .Take(limit)
                .ToList();
        }
    }

    public async Task<bool> TryDeleteAttachmentAsync(AttachmentReservation reservation, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(TryDeleteAttachmentAsync));
        lock (_gate)
        {
            Metrics.AddRequests(1);
            return _conversations.TryGetValue(reservation.ConversationId, out var data)
                && data.Attachments.TryGetValue(reservation.Id, out var stored) && stored.ETag == reservation.ETag
                && data.Attachments.Remove(reservation.Id);
        }
    }

    public async Task<IReadOnlyList<UserConversation>> GetUserConversationsAsync(
        string userId, ListQuery query, ConversationListPosition? after, int limit, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(GetUserConversationsAsync));
        lock (_gate)
        {
            return _lists.Values
                .Where(e => e.UserId == userId && e.Folder == query.Folder)
                .Where(e => query.Key is null || e.Key == query.Key)
                .Where(e => query.Metadata is not { } m || (e.Metadata.TryGetValue(m.Key, out var value) && value == m.Value))
                .Where(e => after is null || e.LastActivityAt < after.LastActivityAt
                    || (e.LastActivityAt == after.LastActivityAt && string.CompareOrdinal(e.ConversationId, after.ConversationId) < 0))
                .OrderByDescending(e => e.LastActivityAt)
                .ThenByDescending(e => e.ConversationId, StringComparer.Ordinal)
                .Take(limit)
                .ToList();
        }
    }

    public async Task<IReadOnlyList<UserConversation>> GetUnreadConversationsAsync(string userId, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(GetUnreadConversationsAsync));
        lock (_gate)
        {
            return _lists.Values.Where(e => e.UserId == userId && e.UnreadCount > 0 && e.Folder != ListFolder.Left).ToList();
        }
    }

    public async Task<IReadOnlyList<UserConversation>> GetListChangesAsync(string userId, SyncPosition after, int limit, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(GetListChangesAsync));
        lock (_gate)
        {
            return _lists.Values
                .Where(e => e.UserId == userId)
                .Where(e => e.SyncAt > after.SyncAt || (e.SyncAt == after.SyncAt && string.CompareOrdinal(e.ConversationId, after.ConversationId) > 0))
                .OrderBy(e => e.SyncAt)
                .ThenBy(e => e.ConversationId, StringComparer.Ordinal)
                .Take(limit)
                .ToList();
        }
    }

    public async Task<IReadOnlyList<string>> GetActiveConversationIdsAsync(string userId, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(GetActiveConversationIdsAsync));
        lock (_gate)
        {
            return _lists.Values.Where(e => e.UserId == userId && e.Folder != ListFolder.Left)
                .Select(e => e.ConversationId)
                .Order(StringComparer.Ordinal)
                .ToList();
        }
    }

    /// <summary>Like the Cosmos store: no candidates, no request.</summary>
    public async Task<IReadOnlySet<string>> GetSharedUsersAsync(string userId, IReadOnlyCollection<string> candidateIds, CancellationToken cancellationToken)
    {
        if (candidateIds.Count == 0)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        await EnterAsync(nameof(GetSharedUsersAsync));
        lock (_gate)
        {
            var candidates = candidateIds.ToHashSet(StringComparer.Ordinal);
            return _lists.Values.Where(e => e.UserId == userId && e.Folder != ListFolder.Left)
                .SelectMany(e => e.ParticipantIds)
                .Where(candidates.Contains)
                .ToHashSet(StringComparer.Ordinal);
        }
    }

    public async Task<bool> TryPutListEntryAsync(UserConversation entry, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(TryPutListEntryAsync));
        lock (_gate)
        {
            Metrics.AddRequests(1);
            var key = (entry.UserId, entry.ConversationId);
            if (_lists.TryGetValue(key, out var stored) && !entry.Version.IsNewerThan(stored.Version))
            {
                return false;
            }

            if (stored is null)
            {
                Metrics.AddRequests(1);
            }

            Metrics.AddProjectionWrite();
            _lists[key] = entry;
            Metrics.AddWrite(CosmosDocuments.ToDocument(entry, _retention));
            return true;
        }
    }

    /// <summary>
    /// The change feed since the last drain, with the Cosmos change feed's latest-version semantics: each changed
    /// conversation or member document once, in the order of its latest change.
    /// </summary>
    public IReadOnlyList<ProjectionChange> DrainFeed()
    {
        lock (_gate)
        {
            var pending = _feed.Skip(_feedDrained).ToList();
            _feedDrained = _feed.Count;
            return pending.Select((item, index) => (item, index))
                .GroupBy(p => p.item)
                .Select(g => g.Last())
                .OrderBy(p => p.index)
                .Select(p => new ProjectionChange(p.item.ConversationId, p.item.MemberId is null, p.item.MemberId is null ? [] : [p.item.MemberId]))
                .ToList();
        }
    }

    /// <summary>Every change since the store was created (a replay of the whole feed), latest version of each document.</summary>
    public IReadOnlyList<ProjectionChange> WholeFeed()
    {
        lock (_gate)
        {
            return _feed.Distinct().Select(i => new ProjectionChange(i.ConversationId, i.MemberId is null, i.MemberId is null ? [] : [i.MemberId])).ToList();
        }
    }

    /// <summary>
    /// The <c>chat</c> container's change feed since the last call, as raw documents (what the Cosmos DB trigger hands
    /// over), with latest-version semantics: each document written since then once, in its current version, in the order
    /// of its latest write (a write's documents together). Independent of <see cref="DrainFeed"/>.
    /// </summary>
    public IReadOnlyList<JsonElement> DrainDocuments()
    {
        lock (_gate)
        {
            var pending = _documentFeed.Values.Where(d => d.Position > _documentsDrained).OrderBy(d => d.Position).Select(d => d.Document).ToList();
            _documentsDrained = _documentPosition;
            return pending;
        }
    }

    /// <summary>The whole change feed (a lease started from the beginning): every document once, in its current version.</summary>
    public IReadOnlyList<JsonElement> AllDocuments()
    {
        lock (_gate)
        {
            return _documentFeed.Values.OrderBy(d => d.Position).Select(d => d.Document).ToList();
        }
    }

    /// <summary>Everything stored, serialised in a stable order: equal snapshots mean nothing changed.</summary>
    public string Snapshot()
    {
        lock (_gate)
        {
            var parts = new List<string>();
            foreach (var (id, data) in _conversations.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                parts.Add(id + JsonSerializer.Serialize(data.Conversation));
                parts.AddRange(data.Members.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonSerializer.Serialize(p.Value)));
                parts.AddRange(data.Deliveries.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonSerializer.Serialize(p.Value)));
                parts.AddRange(data.Messages.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonSerializer.Serialize(p.Value)));
                parts.AddRange(data.Attachments.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonSerializer.Serialize(p.Value)));
            }

            parts.AddRange(_lists.OrderBy(p => p.Key.User, StringComparer.Ordinal).ThenBy(p => p.Key.Conversation, StringComparer.Ordinal)
                .Select(p => JsonSerializer.Serialize(p.Value)));
            return string.Join('\n', parts);
        }
    }

    public IReadOnlyList<Message> AllMessages(string conversationId)
    {
        lock (_gate)
        {
            return _conversations.GetValueOrDefault(conversationId)?.Messages.Values.OrderBy(m => m.Sequence).ToList() ?? [];
        }
    }

    public IReadOnlyList<AttachmentReservation> AllAttachments(string conversationId)
    {
        lock (_gate)
        {
            return _conversations.GetValueOrDefault(conversationId)?.Attachments.Values.OrderBy(a => a.Id, StringComparer.Ordinal).ToList() ?? [];
        }
    }

    public UserConversation? ListEntry(string userId, string conversationId)
    {
        lock (_gate)
        {
            return _lists.GetValueOrDefault((userId, conversationId));
        }
    }

    private ConversationData Data(string conversationId)
    {
        if (!_conversations.TryGetValue(conversationId, out var data))
        {
            data = new ConversationData();
            _conversations[conversationId] = data;
        }

        return data;
    }

    private Conversation StoreConversation(string conversationId, Conversation conversation)
    {
        _feed.Add((conversationId, null));
        return Stored(conversation, CosmosDocuments.ToDocument(conversation));
    }

    private Member PutMember(string conversationId, ConversationData data, Member member)
    {
        _feed.Add((conversationId, member.UserId));
        return data.Members[member.UserId] = Stored(member, CosmosDocuments.ToDocument(member, _retention));
    }

    private void PutMessage(ConversationData data, Message message) =>
        data.Messages[message.Id] = Stored(message, CosmosDocuments.ToDocument(message));

    /// <summary>Counts the stored JSON of <paramref name="document"/> and gives the record a new ETag.</summary>
    private T Stored<T>(T record, object document)
    {
        Metrics.AddWrite(document);
        var json = JsonSerializer.SerializeToElement(document, document.GetType(), CosmosJson.Options);
        _documentFeed[(json.GetProperty("conversationId").GetString()!, json.GetProperty("id").GetString()!)] = (++_documentPosition, json);
        var etag = $"\"{Interlocked.Increment(ref _etagCounter)}\"";
        return record switch
        {
            Conversation c => (T)(object)(c with { ETag = etag }),
            Member m => (T)(object)(m with { ETag = etag }),
            Delivery d => (T)(object)(d with { ETag = etag }),
            Message m => (T)(object)(m with { ETag = etag }),
            AttachmentReservation a => (T)(object)(a with { ETag = etag }),
            _ => record,
        };
    }

    private static Dictionary<string, T> Pick<T>(Dictionary<string, T>? source, IReadOnlyList<string> ids) =>
        source is null
            ? new Dictionary<string, T>(StringComparer.Ordinal)
            : ids.Where(source.ContainsKey).Distinct(StringComparer.Ordinal).ToDictionary(id => id, id => source[id], StringComparer.Ordinal);

    private async Task EnterAsync(string operation)
    {
        Calls.AddOrUpdate(operation, 1, (_, n) => n + 1);
        if (Latency is { } latency)
        {
            await latency(operation);
        }

        BeforeCall?.Invoke(operation);
        if (operation.StartsWith("Get", StringComparison.Ordinal) || operation.StartsWith("Read", StringComparison.Ordinal))
        {
            Metrics.AddRequests(1);
        }
    }

    private sealed class ConversationData
    {
        public Conversation? Conversation { get; set; }
        public Dictionary<string, Member> Members { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, Delivery> Deliveries { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, Message> Messages { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, AttachmentReservation> Attachments { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>What the Cosmos DB store would have sent and written: requests, documents written and their stored bytes, projection writes.</summary>
public sealed class StoreMetrics
{
    private long _requests;
    private long _documents;
    private long _bytes;
    private long _projectionWrites;

    public long Requests => Interlocked.Read(ref _requests);
    public long DocumentsWritten => Interlocked.Read(ref _documents);
    public long BytesWritten => Interlocked.Read(ref _bytes);
    public long ProjectionWrites => Interlocked.Read(ref _projectionWrites);

    /// <summary>The largest single document written (bytes of its stored JSON).</summary>
    public long LargestDocument { get; private set; }

    public void AddRequests(int count) => Interlocked.Add(ref _requests, count);

    public void AddProjectionWrite() => Interlocked.Increment(ref _projectionWrites);

    public void AddWrite(object document)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(document, document.GetType(), CosmosJson.Options).Length;
        Interlocked.Increment(ref _documents);
        Interlocked.Add(ref _bytes, bytes);
        LargestDocument = Math.Max(LargestDocument, bytes);
    }

    public MetricsSnapshot Take() => new(Requests, DocumentsWritten, BytesWritten, ProjectionWrites);

    public void Reset()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _documents, 0);
        Interlocked.Exchange(ref _bytes, 0);
        Interlocked.Exchange(ref _projectionWrites, 0);
        LargestDocument = 0;
    }
}

public sealed record MetricsSnapshot(long Requests, long DocumentsWritten, long BytesWritten, long ProjectionWrites)
{
    public static MetricsSnapshot operator -(MetricsSnapshot after, MetricsSnapshot before) =>
        new(after.Requests - before.Requests, after.DocumentsWritten - before.DocumentsWritten,
            after.BytesWritten - before.BytesWritten, after.ProjectionWrites - before.ProjectionWrites);
}
