using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Realtime;
using Chat.Shared.Storage;

namespace Chat.Shared.Application;

/// <summary>Create, list and read conversations; unread badges.</summary>
public sealed class ConversationService(ChatDependencies deps)
{
    private readonly ChatOptions _options = deps.Options;

    /// <summary>
    /// Exactly one other participant and no key: the direct conversation of the pair (get-or-create). Otherwise a
    /// group, whose creator is its owner. With a key, the same caller and key always get the same conversation, so a
    /// retried create never makes two (201 the first time, 200 after). The caller is always a member.
    /// </summary>
    public async Task<ChatResult<ConversationDto>> CreateAsync(ChatUser user, CreateConversationRequest request, CancellationToken cancellationToken)
    {
        var others = OtherParticipants(user, request.ParticipantIds);
        var title = InputRules.Title(request.Title, _options);
        var metadata = InputRules.Metadata(request.Metadata, _options);
        var key = InputRules.Key(request.Key, _options);
        var kind = others.Count == 1 && key is null ? ConversationKind.Direct : ConversationKind.Group;
        var id = kind == ConversationKind.Direct ? ChatIds.DirectConversationId(user.Id, others[0])
            : key is not null ? ChatIds.KeyedConversationId(user.Id, key)
            : deps.Ids.NewId("g_");

        var now = deps.Clock.GetUtcNow();
        var conversation = new Conversation
        {
            Id = id,
            Kind = kind,
            Title = title,
            Metadata = metadata,
            Key = key,
            CreatedBy = user.Id,
            CreatedAt = now,
            MemberIds = [user.Id, .. others],
            LastActivityAt = now,
        };
        var write = new ConversationWrite(conversation);
        write.Conversation = conversation with { Change = write.NextChange() };
        foreach (var memberId in conversation.MemberIds)
        {
            var member = new Member
            {
                ConversationId = id,
                UserId = memberId,
                DisplayName = memberId == user.Id ? user.DisplayName : null,
                Role = kind == ConversationKind.Direct ? null : memberId == user.Id ? MemberRole.Owner : MemberRole.Member,
                JoinedAt = now,
                Change = write.NextChange(),
                ViewVersion = 1,
            };
            write.Members.Add(new MemberWrite(member, MemberWriteKind.Create));
        }

        if (await deps.Store.TryCreateConversationAsync(write, cancellationToken))
        {
            var members = write.Members.Select(m => m.Member).ToList();
            var created = new ConversationState(write.StoredConversation, members, new Dictionary<string, Delivery>());
            return new ChatResult<ConversationDto>(Views.Conversation(new MemberSnapshot(created, members[0]), now), [], Created: true)
            {
                Groups = conversation.MemberIds.Select(m => new GroupChange(id, m, Join: true)).ToList(),
            };
        }

        var existing = await deps.Store.GetStateAsync(id, cancellationToken) ?? throw ChatDependencies.ConcurrencyExhausted();
        return existing.FindMember(user.Id) is { IsActive: true } me
            ? ChatResult.Quiet(Views.Conversation(new MemberSnapshot(existing, me), now))
            : throw ChatException.Conflict(ErrorCodes.KeyInUse, "This key names a conversation you are no longer a member of.");
    }

    /// <summary>
    /// One conversation with every active member, their positions and their presence: one query of the conversation's
    /// partition, then one ReadMany of the members' presence states (every member shares this conversation with the caller).
    /// </summary>
    public async Task<ConversationDto> GetAsync(ChatUser user, string? conversationId, CancellationToken cancellationToken)
    {
        var snapshot = await deps.LoadStateAsMemberAsync(conversationId, user.Id, cancellationToken);
        var presence = await deps.Presence.GetManyAsync(snapshot.State.ActiveMembers.Select(m => m.UserId).ToList(), cancellationToken);
        return Views.Conversation(snapshot, deps.Clock.GetUtcNow(), presence);
    }

    /// <summary>
    /// The caller's conversations, most recent activity first, from the caller's own partition: the inbox by default,
    /// the archived ones with <c>archived=true</c>, optionally only those with a key or one metadata value.
    /// </summary>
    public async Task<PageDto<ConversationSummaryDto>> ListAsync(ChatUser user, ConversationListRequest request, CancellationToken cancellationToken)
    {
        var limit = InputRules.PageSize(request.Limit, _options);
        var after = request.Cursor is null ? null : Cursors.ParseConversation(request.Cursor, "cursor");
        var key = InputRules.Key(request.Key, _options);
        var metadata = request.Metadata is { } pair ? InputRules.MetadataFilter(pair, _options) : (KeyValuePair<string, string>?)null;
        var query = new ListQuery(request.Archived ? ListFolder.Archived : ListFolder.Inbox, key, metadata);
        var entries = await deps.Store.GetUserConversationsAsync(user.Id, query, after, limit + 1, cancellationToken);
        var items = entries.Take(limit).ToList();
        var hasMore = entries.Count > limit;
        var next = hasMore ? Cursors.ForConversation(new ConversationListPosition(items[^1].LastActivityAt, items[^1].ConversationId)) : null;
        var now = deps.Clock.GetUtcNow();
        return new PageDto<ConversationSummaryDto>(items.Select(e => Views.Summary(e, now)).ToList(), next, hasMore);
    }

    /// <summary>The badge: every conversation with unread messages; muted ones are listed but left out of the total.</summary>
    public async Task<UnreadDto> GetUnreadAsync(ChatUser user, CancellationToken cancellationToken)
    {
        var now = deps.Clock.GetUtcNow();
        var entries = await deps.Store.GetUnreadConversationsAsync(user.Id, cancellationToken);
        var counts = entries.Where(e => e.UnreadCount > 0 && e.Folder != ListFolder.Left)
            .Select(e => new UnreadEntryDto(e.ConversationId, e.UnreadCount, e.IsMutedAt(now)))
            .ToList();
        return new UnreadDto(counts.Where(c => !c.Muted).Sum(c => c.UnreadCount), counts);
    }

    private List<string> OtherParticipants(ChatUser user, IReadOnlyList<string>? participantIds)
    {
        if (participantIds is null || participantIds.Count == 0)
        {
            throw ChatException.Validation(ErrorCodes.ParticipantsRequired, "participantIds", "Name at least one other participant.");
        }

        if (participantIds.Count > _options.MaxParticipants)
        {
            throw InputRules.TooManyParticipants(_options);
        }

        InputRules.UserIds(participantIds, "participantIds");
        var others = participantIds.Where(id => id != user.Id).Distinct(StringComparer.Ordinal).ToList();
        if (others.Count == 0)
        {
            throw ChatException.Validation(ErrorCodes.ParticipantsRequired, "participantIds", "Name at least one participant other than yourself.");
        }

        return others.Count + 1 > _options.MaxParticipants ? throw InputRules.TooManyParticipants(_options) : others;
    }
}
