using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Realtime;
using Chat.Shared.Storage;

namespace Chat.Shared.Application;

/// <summary>
/// Conversations as the app's backend runs them (<c>/api/server/conversations</c>): keyed create, find by key or
/// participant, read. Membership, lifecycle, messages and moderation go through <see cref="MembershipService"/> and
/// <see cref="MessageService"/>, with the server as the acting owner.
/// </summary>
public sealed class ServerConversationService(ChatDependencies deps, IUserDataStore data)
{
    private readonly ChatOptions _options = deps.Options;

    /// <summary>
    /// A group for the participants, named by a key global in the server's namespace: the same key always returns the
    /// same conversation (201 the first time, 200 after, whatever the later bodies say). The server is not a member;
    /// participants are members unless <c>roles</c> names another role. One batch.
    /// </summary>
    public async Task<ChatResult<ServerConversationDto>> CreateAsync(ServerCreateConversationRequest request, CancellationToken cancellationToken)
    {
        var key = InputRules.Key(request.Key, _options)!;
        var participants = Participants(request.ParticipantIds);
        var roles = Roles(request.Roles, participants);
        var title = InputRules.Title(request.Title, _options);
        var metadata = InputRules.Metadata(request.Metadata, _options);
        var id = ChatIds.ServerKeyedConversationId(key);
        var now = deps.Clock.GetUtcNow();
        var conversation = new Conversation
        {
            Id = id,
            Kind = ConversationKind.Group,
            Title = title,
            Metadata = metadata,
            Key = key,
            CreatedBy = ServerActor.Id,
            CreatedAt = now,
            MemberIds = participants,
            LastActivityAt = now,
        };
        var write = new ConversationWrite(conversation);
        write.Conversation = conversation with { Change = write.NextChange() };
        foreach (var userId in participants)
        {
            write.Members.Add(new MemberWrite(new Member
            {
                ConversationId = id,
                UserId = userId,
                Role = roles.GetValueOrDefault(userId, MemberRole.Member),
                JoinedAt = now,
                Change = write.NextChange(),
                ViewVersion = 1,
            }, MemberWriteKind.Create));
        }

        if (await deps.Store.TryCreateConversationAsync(write, cancellationToken))
        {
            var created = new ConversationState(write.StoredConversation, write.Members.Select(m => m.Member).ToList(), new Dictionary<string, Delivery>());
            return new ChatResult<ServerConversationDto>(Views.ServerConversation(created), [], Created: true)
            {
                Groups = participants.Select(m => new GroupChange(id, m, Join: true)).ToList(),
            };
        }

        var existing = await deps.Store.GetStateAsync(id, cancellationToken) ?? throw ChatDependencies.ConcurrencyExhausted();
        return ChatResult.Quiet(Views.ServerConversation(existing));
    }

    public async Task<ServerConversationDto> GetAsync(string? conversationId, CancellationToken cancellationToken) =>
        Views.ServerConversation((await deps.LoadStateAsServerAsync(conversationId, cancellationToken)).State);

    /// <summary>
    /// Find conversations, for a back office. <c>key</c>: the one conversation of a server key (one query of its
    /// partition). <c>participant</c>: every conversation a user is or recently was in (their list, all folders), most
    /// recent activity first, one single-partition query per page.
    /// </summary>
    public async Task<PageDto<ServerConversationSummaryDto>> FindAsync(ServerFindRequest request, CancellationToken cancellationToken)
    {
        if ((request.Key is null) == (request.Participant is null))
        {
            throw ChatException.Validation(ErrorCodes.FilterRequired, "key", "Give exactly one of key and participant.");
        }

        var limit = InputRules.PageSize(request.Limit, _options);
        if (request.Key is not null)
        {
            var key = InputRules.Key(request.Key, _options)!;
            if (request.Cursor is not null)
            {
                throw ChatException.Validation(ErrorCodes.InvalidCursor, "cursor", "A key names one conversation: there is no next page.");
            }

            var state = await deps.Store.GetStateAsync(ChatIds.ServerKeyedConversationId(key), cancellationToken);
            return new PageDto<ServerConversationSummaryDto>(state is null ? [] : [Summary(state.Conversation)], null, false);
        }

        var userId = ChatIds.IsValidUserId(request.Participant)
            ? request.Participant!
            : throw ChatException.Validation(ErrorCodes.InvalidId, "participant", "participant is not a valid user id.");
        var after = request.Cursor is null ? null : Cursors.ParseConversation(request.Cursor, "cursor");
        var entries = await data.GetAllListEntriesAsync(userId, after, limit + 1, cancellationToken);
        var page = entries.Take(limit).ToList();
        var hasMore = entries.Count > limit;
        var next = hasMore ? Cursors.ForConversation(new ConversationListPosition(page[^1].LastActivityAt, page[^1].ConversationId)) : null;
        var now = deps.Clock.GetUtcNow();
        return new PageDto<ServerConversationSummaryDto>(page.Select(e => Summary(e, now)).ToList(), next, hasMore);
    }

    private static ServerConversationSummaryDto Summary(Conversation c) =>
        new(c.Id, c.Kind, c.Title, c.Metadata, c.Key, c.MemberIds, Views.Preview(c.LastMessage), c.LastActivityAt, c.LastSequence, c.ClosedAt, null);

    private static ServerConversationSummaryDto Summary(UserConversation e, DateTimeOffset now) =>
        new(e.ConversationId, e.Kind, e.Title, e.Metadata, e.Key, e.ParticipantIds, Views.Preview(e.LastMessage), e.LastActivityAt, e.LastSequence,
            e.ClosedAt, new ServerParticipantStateDto(e.UserId, e.State, e.Role, e.UnreadCount, e.Folder == ListFolder.Archived, e.IsMutedAt(now)));

    /// <summary>1 to <see cref="ChatOptions.MaxParticipants"/> valid user ids (a repeated id counts once).</summary>
    private List<string> Participants(IReadOnlyList<string>? participantIds)
    {
        if (participantIds is null || participantIds.Count == 0)
        {
            throw ChatException.Validation(ErrorCodes.ParticipantsRequired, "participantIds", "Name at least one participant.");
        }

        InputRules.UserIds(participantIds, "participantIds");
        var distinct = participantIds.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count > _options.MaxParticipants ? throw InputRules.TooManyParticipants(_options) : distinct;
    }

    /// <summary>Roles for some participants: each one a participant, each role one of owner, admin, member.</summary>
    private static Dictionary<string, MemberRole> Roles(IReadOnlyDictionary<string, string>? roles, List<string> participants)
    {
        var result = new Dictionary<string, MemberRole>(StringComparer.Ordinal);
        foreach (var (userId, role) in roles ?? new Dictionary<string, string>())
        {
            if (!participants.Contains(userId, StringComparer.Ordinal))
            {
                throw ChatException.Validation(ErrorCodes.InvalidRole, "roles", "roles names a user who is not one of participantIds.");
            }

            result[userId] = MembershipRules.ParseRole(role);
        }

        return result;
    }
}
