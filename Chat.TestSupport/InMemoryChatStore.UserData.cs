using Chat.Shared.Application;
using Chat.Shared.Domain;
using Chat.Shared.Storage;

namespace Chat.TestSupport;

/// <summary>
/// The double's <see cref="IUserDataStore"/> side (the user-scoped look-ups of the profile projection, erasure and
/// export) and the second change-feed consumer the member profile fill has, with its own position like a lease prefix.
/// </summary>
public sealed partial class InMemoryChatStore
{
    private int _memberFeedDrained;

    public async Task<IReadOnlyList<string>> GetMembershipsAsync(string userId, string? afterConversationId, int limit, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(GetMembershipsAsync));
        lock (_gate)
        {
            return _conversations
                .Where(p => p.Value.Members.ContainsKey(userId) && string.CompareOrdinal(p.Key, afterConversationId ?? string.Empty) > 0)
                .Select(p => p.Key)
                .Order(StringComparer.Ordinal)
                .Take(limit)
                .ToList();
        }
    }

    public async Task<IReadOnlyList<Message>> GetMessagesBySenderAsync(
        string conversationId, string senderId, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(GetMessagesBySenderAsync));
        lock (_gate)
        {
            return _conversations.TryGetValue(conversationId, out var data)
                ? data.Messages.Values.Where(m => m.SenderId == senderId && m.Sequence > afterSequence).OrderBy(m => m.Sequence).Take(limit).ToList()
                : [];
        }
    }

    public async Task<IReadOnlyList<AttachmentReservation>> GetAttachmentsByUploaderAsync(
        string conversationId, string uploaderId, int limit, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(GetAttachmentsByUploaderAsync));
        lock (_gate)
        {
            return _conversations.TryGetValue(conversationId, out var data)
                ? data.Attachments.Values.Where(a => a.UploaderId == uploaderId).OrderBy(a => a.Id, StringComparer.Ordinal).Take(limit).ToList()
                : [];
        }
    }

    public async Task<bool> TryPatchMemberProfileAsync(string conversationId, string userId, MemberProfile profile, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(TryPatchMemberProfileAsync));
        lock (_gate)
        {
            Metrics.AddRequests(1);
            if (!_conversations.TryGetValue(conversationId, out var data) || !data.Members.TryGetValue(userId, out var member)
                || (member.Profile is { } stored && stored.Version >= profile.Version))
            {
                return false;
            }

            PutMember(conversationId, data, member with { Profile = profile });
            return true;
        }
    }

    public async Task<int> DeleteMemberAsync(string conversationId, string userId, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(DeleteMemberAsync));
        lock (_gate)
        {
            Metrics.AddRequests(2);
            return _conversations.TryGetValue(conversationId, out var data)
                ? (data.Members.Remove(userId) ? 1 : 0) + (data.Deliveries.Remove(userId) ? 1 : 0)
                : 0;
        }
    }

    public async Task<bool> DeleteAttachmentAsync(string conversationId, string attachmentId, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(DeleteAttachmentAsync));
        lock (_gate)
        {
            Metrics.AddRequests(1);
            return _conversations.TryGetValue(conversationId, out var data) && data.Attachments.Remove(attachmentId);
        }
    }

    public async Task<IReadOnlyList<UserConversation>> GetAllListEntriesAsync(
        string userId, ConversationListPosition? after, int limit, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(GetAllListEntriesAsync));
        lock (_gate)
        {
            return _lists.Values
                .Where(e => e.UserId == userId)
                .Where(e => after is null || e.LastActivityAt < after.LastActivityAt
                    || (e.LastActivityAt == after.LastActivityAt && string.CompareOrdinal(e.ConversationId, after.ConversationId) < 0))
                .OrderByDescending(e => e.LastActivityAt)
                .ThenByDescending(e => e.ConversationId, StringComparer.Ordinal)
                .Take(limit)
                .ToList();
        }
    }

    public async Task<bool> DeleteListEntryAsync(string userId, string conversationId, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(DeleteListEntryAsync));
        lock (_gate)
        {
            Metrics.AddRequests(1);
            return _lists.Remove((userId, conversationId));
        }
    }

    /// <summary>
    /// The member documents changed since the last call that the member profile fill takes (active, no profile copy),
    /// read in their current state, as its own change-feed consumer would see them.
    /// </summary>
    public IReadOnlyList<MemberToFill> DrainMembersToFill()
    {
        lock (_gate)
        {
            var pending = _feed.Skip(_memberFeedDrained).Where(f => f.MemberId is not null).Distinct().ToList();
            _memberFeedDrained = _feed.Count;
            return pending
                .Select(f => _conversations.TryGetValue(f.ConversationId, out var data) ? data.Members.GetValueOrDefault(f.MemberId!) : null)
                .OfType<Member>()
                .Where(m => m.IsActive && m.Profile is null)
                .Select(m => new MemberToFill(m.ConversationId, m.UserId))
                .ToList();
        }
    }

    /// <summary>Every member document of a user in a conversation (or null), as stored.</summary>
    public Member? StoredMember(string conversationId, string userId)
    {
        lock (_gate)
        {
            return _conversations.GetValueOrDefault(conversationId)?.Members.GetValueOrDefault(userId);
        }
    }

    /// <summary>Puts a member document back as it was (a test's replay of an old state), as a change the feed reports.</summary>
    public void RestoreMember(Member member)
    {
        lock (_gate)
        {
            PutMember(member.ConversationId, _conversations[member.ConversationId], member);
        }
    }

    /// <summary>Every document of the store that names <paramref name="userId"/> in a user field, by kind, for erasure checks.</summary>
    public IReadOnlyList<(string Kind, string ConversationId, object Document)> DocumentsOf(string userId)
    {
        lock (_gate)
        {
            var found = new List<(string, string, object)>();
            foreach (var (id, data) in _conversations)
            {
                found.AddRange(data.Members.Values.Where(m => m.UserId == userId).Select(m => (UserDataKinds.Member, id, (object)m)));
                found.AddRange(data.Deliveries.Values.Where(d => d.UserId == userId).Select(d => (UserDataKinds.Delivery, id, (object)d)));
                found.AddRange(data.Messages.Values.Where(m => m.SenderId == userId).Select(m => (UserDataKinds.Message, id, (object)m)));
                found.AddRange(data.Attachments.Values.Where(a => a.UploaderId == userId).Select(a => (UserDataKinds.Attachment, id, (object)a)));
                if (data.Conversation is { } conversation && conversation.MemberIds.Contains(userId))
                {
                    found.Add((UserDataKinds.Conversation, id, conversation));
                }
            }

            found.AddRange(_lists.Values.Where(e => e.UserId == userId).Select(e => (UserDataKinds.UserConversation, e.ConversationId, (object)e)));
            return found;
        }
    }
}
