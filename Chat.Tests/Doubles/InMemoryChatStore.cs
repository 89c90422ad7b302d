using System.Collections.Concurrent;
using Chat.Shared.Application;
using Chat.Shared.Domain;
using Chat.Shared.Storage;

namespace Chat.Tests.Doubles;

/// <summary>
/// Test double of the chat store with the real store's semantics: conditional writes on ETags, atomic
/// append (all or nothing), forward-only positions, and the per-user list kept by the same projection the change
/// feed runs (applied synchronously here). Counts calls per operation and lets tests inject faults.
/// </summary>
public sealed class InMemoryChatStore : IChatStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Conversation> _conversations = [];
    private readonly Dictionary<(string Conversation, string Message), Message> _messages = [];
    private readonly Dictionary<(string Conversation, string Attachment), AttachmentReservation> _attachments = [];
    private readonly Dictionary<(string User, string Conversation), UserConversation> _userConversations = [];
    private long _etagCounter;

    /// <summary>Calls per port method, for round-trip budgets and "did it touch the store" checks.</summary>
    public ConcurrentDictionary<string, int> Calls { get; } = new();

    /// <summary>Runs before every call with the operation name; throw from it to inject a fault.</summary>
    public Action<string>? BeforeCall { get; set; }

    /// <summary>When false, the user lists are only updated through <see cref="ConversationListProjector"/> (as with the change feed).</summary>
    public bool ProjectOnWrite { get; set; } = true;

    public Task<Conversation?> GetConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        Enter(nameof(GetConversationAsync));
        lock (_gate)
        {
            return Task.FromResult(_conversations.GetValueOrDefault(conversationId));
        }
    }

    public Task<bool> TryCreateConversationAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        Enter(nameof(TryCreateConversationAsync));
        lock (_gate)
        {
            if (_conversations.ContainsKey(conversation.Id))
            {
                return Task.FromResult(false);
            }

            PutConversation(conversation);
            return Task.FromResult(true);
        }
    }

    public Task<AppendOutcome> TryAppendMessageAsync(
        Conversation conversation, Message message, IReadOnlyList<AttachmentReservation> attachments, CancellationToken cancellationToken)
    {
        Enter(nameof(TryAppendMessageAsync));
        lock (_gate)
        {
            if (_messages.ContainsKey((message.ConversationId, message.Id)))
            {
                return Task.FromResult(AppendOutcome.MessageExists);
            }

            if (!_conversations.TryGetValue(conversation.Id, out var stored) || stored.ETag != conversation.ETag)
            {
                return Task.FromResult(AppendOutcome.ConversationChanged);
            }

            if (attachments.Any(a => !_attachments.TryGetValue((a.ConversationId, a.Id), out var s) || s.ETag != a.ETag))
            {
                return Task.FromResult(AppendOutcome.AttachmentChanged);
            }

            _messages[(message.ConversationId, message.Id)] = message with { ETag = NextETag() };
            foreach (var attachment in attachments)
            {
                _attachments[(attachment.ConversationId, attachment.Id)] = attachment with { ETag = NextETag() };
            }

            PutConversation(conversation);
            return Task.FromResult(AppendOutcome.Appended);
        }
    }

    public Task<Message?> GetMessageAsync(string conversationId, string messageId, CancellationToken cancellationToken)
    {
        Enter(nameof(GetMessageAsync));
        lock (_gate)
        {
            return Task.FromResult(_messages.GetValueOrDefault((conversationId, messageId)));
        }
    }

    public Task<IReadOnlyList<Message>> GetMessagesByIdAsync(string conversationId, IReadOnlyList<string> messageIds, CancellationToken cancellationToken)
    {
        Enter(nameof(GetMessagesByIdAsync));
        lock (_gate)
        {
            IReadOnlyList<Message> found = messageIds.Distinct(StringComparer.Ordinal)
                .Select(id => _messages.GetValueOrDefault((conversationId, id)))
                .OfType<Message>()
                .ToList();
            return Task.FromResult(found);
        }
    }

    public Task<IReadOnlyList<Message>> GetMessagesAsync(string conversationId, MessageQuery query, CancellationToken cancellationToken)
    {
        Enter(nameof(GetMessagesAsync));
        lock (_gate)
        {
            var inConversation = _messages.Values.Where(m => m.ConversationId == conversationId);
            IReadOnlyList<Message> page = query.After is { } after
                ? inConversation.Where(m => m.Sequence > after).OrderBy(m => m.Sequence).Take(query.Limit).ToList()
                : inConversation.Where(m => m.Sequence < (query.Before ?? long.MaxValue)).OrderByDescending(m => m.Sequence).Take(query.Limit).ToList();
            return Task.FromResult(page);
        }
    }

    public Task<bool> TryReplaceMessageAsync(Message message, Conversation? conversation, CancellationToken cancellationToken)
    {
        Enter(nameof(TryReplaceMessageAsync));
        lock (_gate)
        {
            if (!_messages.TryGetValue((message.ConversationId, message.Id), out var stored) || stored.ETag != message.ETag)
            {
                return Task.FromResult(false);
            }

            if (conversation is not null && (!_conversations.TryGetValue(conversation.Id, out var current) || current.ETag != conversation.ETag))
            {
                return Task.FromResult(false);
            }

            _messages[(message.ConversationId, message.Id)] = message with { ETag = NextETag() };
            if (conversation is not null)
            {
                PutConversation(conversation);
            }

            return Task.FromResult(true);
        }
    }

    public Task<Conversation?> AdvancePositionAsync(
        Conversation conversation, string userId, PositionKind kind, long sequence, DateTimeOffset at, CancellationToken cancellationToken)
    {
        Enter(nameof(AdvancePositionAsync));
        lock (_gate)
        {
            if (!_conversations.TryGetValue(conversation.Id, out var stored) || stored.FindParticipant(userId) is not { } participant)
            {
                return Task.FromResult<Conversation?>(null);
            }

            var moved = kind == PositionKind.Read ? participant.ReadSequence < sequence : participant.DeliveredSequence < sequence;
            if (!moved)
            {
                return Task.FromResult<Conversation?>(null);
            }

            var updated = stored.WithParticipant(userId, p => kind == PositionKind.Read
                ? p with
                {
                    ReadSequence = sequence,
                    ReadAt = at,
                    DeliveredSequence = Math.Max(p.DeliveredSequence, sequence),
                    DeliveredAt = p.DeliveredSequence < sequence ? at : p.DeliveredAt,
                }
                : p with { DeliveredSequence = sequence, DeliveredAt = at });
            return Task.FromResult<Conversation?>(PutConversation(updated with { Version = stored.Version + 1 }));
        }
    }

    public Task CreateAttachmentAsync(AttachmentReservation reservation, CancellationToken cancellationToken)
    {
        Enter(nameof(CreateAttachmentAsync));
        lock (_gate)
        {
            if (!_attachments.TryAdd((reservation.ConversationId, reservation.Id), reservation with { ETag = NextETag() }))
            {
                throw new InvalidOperationException($"Attachment {reservation.Id} exists.");
            }

            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<AttachmentReservation>> GetAttachmentsAsync(
        string conversationId, IReadOnlyList<string> attachmentIds, CancellationToken cancellationToken)
    {
        Enter(nameof(GetAttachmentsAsync));
        lock (_gate)
        {
            IReadOnlyList<AttachmentReservation> found = attachmentIds
                .Select(id => _attachments.GetValueOrDefault((conversationId, id)))
                .OfType<AttachmentReservation>()
                .ToList();
            return Task.FromResult(found);
        }
    }

    public Task<IReadOnlyList<AttachmentReservation>> GetAbandonedAttachmentsAsync(
        DateTimeOffset uploadExpiredBefore, int limit, CancellationToken cancellationToken)
    {
        Enter(nameof(GetAbandonedAttachmentsAsync));
        lock (_gate)
        {
            IReadOnlyList<AttachmentReservation> found = _attachments.Values
                .Where(a => a.MessageId is null && a.UploadExpiresAt < uploadExpiredBefore)
                .OrderBy(a => a.UploadExpiresAt)
                .Take(limit)
                .ToList();
            return Task.FromResult(found);
        }
    }

    public Task<bool> TryDeleteAttachmentAsync(AttachmentReservation reservation, CancellationToken cancellationToken)
    {
        Enter(nameof(TryDeleteAttachmentAsync));
        lock (_gate)
        {
            var key = (reservation.ConversationId, reservation.Id);
            if (!_attachments.TryGetValue(key, out var stored) || stored.ETag != reservation.ETag)
            {
                return Task.FromResult(false);
            }

            return Task.FromResult(_attachments.Remove(key));
        }
    }

    public Task<IReadOnlyList<UserConversation>> GetUserConversationsAsync(
        string userId, ConversationListPosition? after, int limit, CancellationToken cancellationToken)
    {
        Enter(nameof(GetUserConversationsAsync));
        lock (_gate)
        {
            IReadOnlyList<UserConversation> page = _userConversations.Values
                .Where(e => e.UserId == userId)
                .Where(e => after is null || e.LastActivityAt < after.LastActivityAt
                    || (e.LastActivityAt == after.LastActivityAt && string.CompareOrdinal(e.ConversationId, after.ConversationId) < 0))
                .OrderByDescending(e => e.LastActivityAt)
                .ThenByDescending(e => e.ConversationId, StringComparer.Ordinal)
                .Take(limit)
                .ToList();
            return Task.FromResult(page);
        }
    }

    public Task<IReadOnlyList<UserConversation>> GetUnreadConversationsAsync(string userId, CancellationToken cancellationToken)
    {
        Enter(nameof(GetUnreadConversationsAsync));
        lock (_gate)
        {
            IReadOnlyList<UserConversation> unread = _userConversations.Values.Where(e => e.UserId == userId && e.UnreadCount > 0).ToList();
            return Task.FromResult(unread);
        }
    }

    public Task<UserConversation?> GetUserConversationAsync(string userId, string conversationId, CancellationToken cancellationToken)
    {
        Enter(nameof(GetUserConversationAsync));
        lock (_gate)
        {
            return Task.FromResult(_userConversations.GetValueOrDefault((userId, conversationId)));
        }
    }

    public Task<bool> TryPutUserConversationAsync(UserConversation entry, CancellationToken cancellationToken)
    {
        Enter(nameof(TryPutUserConversationAsync));
        lock (_gate)
        {
            var exists = _userConversations.TryGetValue((entry.UserId, entry.ConversationId), out var stored);
            if (entry.ETag is null ? exists : !exists || stored!.ETag != entry.ETag)
            {
                return Task.FromResult(false);
            }

            _userConversations[(entry.UserId, entry.ConversationId)] = entry with { ETag = NextETag() };
            return Task.FromResult(true);
        }
    }

    /// <summary>Everything stored, serialised in a stable order: equal snapshots mean nothing changed.</summary>
    public string Snapshot()
    {
        lock (_gate)
        {
            var parts = new List<string>();
            parts.AddRange(_conversations.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Describe(p.Value)));
            parts.AddRange(_messages.OrderBy(p => p.Key.Conversation, StringComparer.Ordinal).ThenBy(p => p.Key.Message, StringComparer.Ordinal)
                .Select(p => System.Text.Json.JsonSerializer.Serialize(p.Value)));
            parts.AddRange(_attachments.OrderBy(p => p.Key.Attachment, StringComparer.Ordinal).Select(p => System.Text.Json.JsonSerializer.Serialize(p.Value)));
            parts.AddRange(_userConversations.OrderBy(p => p.Key.User, StringComparer.Ordinal).ThenBy(p => p.Key.Conversation, StringComparer.Ordinal)
                .Select(p => System.Text.Json.JsonSerializer.Serialize(p.Value)));
            return string.Join('\n', parts);
        }
    }

    public IReadOnlyList<Message> AllMessages(string conversationId)
    {
        lock (_gate)
        {
            return _messages.Values.Where(m => m.ConversationId == conversationId).OrderBy(m => m.Sequence).ToList();
        }
    }

    private static string Describe(Conversation c) =>
        System.Text.Json.JsonSerializer.Serialize(c) + System.Text.Json.JsonSerializer.Serialize(c.Participants);

    private Conversation PutConversation(Conversation conversation)
    {
        var stored = conversation with { ETag = NextETag() };
        _conversations[stored.Id] = stored;
        if (ProjectOnWrite)
        {
            foreach (var entry in ConversationProjection.Project(stored))
            {
                _userConversations[(entry.UserId, entry.ConversationId)] = entry with { ETag = NextETag() };
            }
        }

        return stored;
    }

    private string NextETag() => $"\"{Interlocked.Increment(ref _etagCounter)}\"";

    private void Enter(string operation)
    {
        Calls.AddOrUpdate(operation, 1, (_, n) => n + 1);
        BeforeCall?.Invoke(operation);
    }
}
