using System.Text.Json;
using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Realtime;
using Chat.Shared.Storage;

namespace Chat.Shared.Application;

/// <summary>
/// Conversations that change: title and metadata, members added, removed or leaving, roles, close and reopen, and the
/// caller's own settings. Every shared change is one conditional write of the conversation's partition (members,
/// the conversation and a <c>system</c> message that records it in the history), retried on lost races; access
/// follows membership at once, because every route checks an active member document. The server principal makes the
/// same changes with an owner's authority without being a member (<see cref="ServerActor.AsOwner"/>): the same rules
/// decide, with the server as the acting owner.
/// </summary>
public sealed class MembershipService(ChatDependencies deps, Views views)
{
    private readonly ChatOptions _options = deps.Options;

    /// <summary>One change: who acts (a member, or the server as owner) and the state it was read in.</summary>
    private delegate ChangePlan? Plan(Acting acting, ConversationWrite write, DateTimeOffset now);

    public Task<ChatResult<ServerConversationDto>> UpdateAsServerAsync(string? conversationId, UpdateConversationRequest request, CancellationToken cancellationToken) =>
        AsServerAsync(conversationId, UpdatePlan(request), cancellationToken);

    public Task<ChatResult<ServerConversationDto>> AddParticipantsAsServerAsync(string? conversationId, AddParticipantsRequest request, CancellationToken cancellationToken) =>
        AsServerAsync(conversationId, AddParticipantsPlan(request), cancellationToken);

    public Task<ChatResult<ServerConversationDto>> ChangeRoleAsServerAsync(
        string? conversationId, string? userId, ChangeRoleRequest request, CancellationToken cancellationToken) =>
        AsServerAsync(conversationId, ChangeRolePlan(userId, request), cancellationToken);

    public Task<ChatResult<ServerConversationDto>> RemoveParticipantAsServerAsync(string? conversationId, string? userId, CancellationToken cancellationToken) =>
        AsServerAsync(conversationId, RemovePlan(InputRules.UserIdInPath(userId), groupsOnly: true), cancellationToken);

    public Task<ChatResult<ServerConversationDto>> CloseAsServerAsync(string? conversationId, CancellationToken cancellationToken) =>
        AsServerAsync(conversationId, LifecyclePlan(close: true), cancellationToken);

    public Task<ChatResult<ServerConversationDto>> ReopenAsServerAsync(string? conversationId, CancellationToken cancellationToken) =>
        AsServerAsync(conversationId, LifecyclePlan(close: false), cancellationToken);

    /// <summary>
    /// Erasure: the server removes the user from the conversation, direct conversations included (their membership is
    /// otherwise fixed), with the same system message, owner handover and events as a removal. Nothing when the user is
    /// not an active member.
    /// </summary>
    internal Task<ChatResult<ServerConversationDto>> RemoveForErasureAsync(string conversationId, string userId, CancellationToken cancellationToken) =>
        AsServerAsync(conversationId, RemovePlan(userId, groupsOnly: false), cancellationToken);

    /// <summary>Owner or admin: a new title (groups only) and/or new metadata. A rename posts a system message.</summary>
    public Task<ChatResult<ConversationDto?>> UpdateAsync(ChatUser user, string? conversationId, UpdateConversationRequest request, CancellationToken cancellationToken) =>
        AsUserAsync(user, conversationId, UpdatePlan(request), cancellationToken);

    private Plan UpdatePlan(UpdateConversationRequest request)
    {
        var titleGiven = request.Title is not null;
        var title = InputRules.Title(request.Title, _options);
        var metadata = request.Metadata is null ? null : InputRules.Metadata(request.Metadata, _options);
        if (!titleGiven && metadata is null)
        {
            throw ChatException.Validation(ErrorCodes.NothingToChange, "$", "Give a title or metadata to change.");
        }

        return (snapshot, write, now) =>
        {
            var conversation = snapshot.Conversation;
            if (titleGiven && conversation.Kind == ConversationKind.Direct)
            {
                throw ChatException.Validation(ErrorCodes.TitleNotAllowed, "title", "Direct conversations have no title; change their metadata only.");
            }

            if (conversation.Kind == ConversationKind.Group)
            {
                MembershipRules.EnsureCanManage(snapshot.Member);
            }

            var renamed = titleGiven && title != conversation.Title;
            var newMetadata = metadata ?? conversation.Metadata;
            if (!renamed && SameMetadata(newMetadata, conversation.Metadata))
            {
                return null;
            }

            var plan = new ChangePlan(write, snapshot.Actor, now, deps.Ids);
            if (renamed)
            {
                plan.Post(SystemEvents.ConversationRenamed, [], title is null ? "removed the title" : $"renamed the conversation to “{title}”",
                    new Dictionary<string, string> { ["title"] = title ?? string.Empty });
            }

            plan.ChangeInfo(c => c with { Title = renamed ? title : c.Title, Metadata = newMetadata });
            return plan;
        };
    }

    /// <summary>Owner or admin of a group: adds members (at most <see cref="ChatOptions.MaxParticipantsPerAdd"/> per call).</summary>
    public Task<ChatResult<ConversationDto?>> AddParticipantsAsync(ChatUser user, string? conversationId, AddParticipantsRequest request, CancellationToken cancellationToken) =>
        AsUserAsync(user, conversationId, AddParticipantsPlan(request), cancellationToken);

    private Plan AddParticipantsPlan(AddParticipantsRequest request)
    {
        var ids = UserIdsToAdd(request.UserIds);
        return (snapshot, write, now) =>
        {
            MembershipRules.EnsureGroup(snapshot.Conversation);
            MembershipRules.EnsureCanManage(snapshot.Member);
            var added = ids.Where(id => snapshot.State.FindMember(id) is not { IsActive: true }).ToList();
            if (added.Count == 0)
            {
                return null;
            }

            if (snapshot.State.ActiveMembers.Count() + added.Count > _options.MaxParticipants)
            {
                throw InputRules.TooManyParticipants(_options);
            }

            var plan = new ChangePlan(write, snapshot.Actor, now, deps.Ids);
            var message = plan.Post(SystemEvents.MembersAdded, added, $"added {string.Join(", ", added)}", null);
            foreach (var id in added)
            {
                var joined = new Member
                {
                    ConversationId = snapshot.Conversation.Id,
                    UserId = id,
                    Role = MemberRole.Member,
                    JoinedAt = now,
                    ReadSequence = message.Sequence,
                    ReadAt = now,
                    Change = write.NextChange(),
                };
                plan.Members.Add(snapshot.State.FindMember(id) is { } left
                    ? new MemberWrite(joined with { DisplayName = left.DisplayName, ViewVersion = left.ViewVersion + 1 }, MemberWriteKind.Replace)
                    : new MemberWrite(joined with { ViewVersion = 1 }, MemberWriteKind.Create));
                plan.Groups.Add(new GroupChange(snapshot.Conversation.Id, id, Join: true));
            }

            plan.Change(c => c with { MemberIds = [.. c.MemberIds, .. added] });
            plan.Participants = new ParticipantsChangedEvent(snapshot.Conversation.Id, added, [], new Dictionary<string, MemberRole?>());
            return plan;
        };
    }

    /// <summary>Owner of a group: a member's new role. An owner may demote themself only while another owner remains.</summary>
    public Task<ChatResult<ConversationDto?>> ChangeRoleAsync(
        ChatUser user, string? conversationId, string? userId, ChangeRoleRequest request, CancellationToken cancellationToken) =>
        AsUserAsync(user, conversationId, ChangeRolePlan(userId, request), cancellationToken);

    private Plan ChangeRolePlan(string? userId, ChangeRoleRequest request)
    {
        var targetId = InputRules.UserIdInPath(userId);
        var role = MembershipRules.ParseRole(request.Role);
        return (snapshot, write, now) =>
        {
            MembershipRules.EnsureGroup(snapshot.Conversation);
            MembershipRules.EnsureCanChangeRoles(snapshot.Member);
            var target = ActiveTarget(snapshot, targetId);
            if (target.Role == role)
            {
                return null;
            }

            MembershipRules.EnsureAnOwnerRemains(snapshot.State.ActiveMembers, target, role);
            var plan = new ChangePlan(write, snapshot.Actor, now, deps.Ids);
            plan.Post(SystemEvents.RoleChanged, [target.UserId], $"made {target.UserId} {role.ToString().ToLowerInvariant()}",
                new Dictionary<string, string> { ["role"] = role.ToString().ToLowerInvariant() });
            plan.UpdateMembership(target with { Role = role, Change = write.NextChange() });
            plan.Participants = new ParticipantsChangedEvent(snapshot.Conversation.Id, [], [], new Dictionary<string, MemberRole?> { [target.UserId] = role });
            return plan;
        };
    }

    /// <summary>
    /// A member leaves (their own id), or an owner or admin removes one. The last owner's leaving hands ownership to
    /// the longest-standing admin, else member. The one who left gets 404 from then on; answers null (204) to a leaver.
    /// </summary>
    public Task<ChatResult<ConversationDto?>> RemoveParticipantAsync(ChatUser user, string? conversationId, string? userId, CancellationToken cancellationToken) =>
        AsUserAsync(user, conversationId, RemovePlan(InputRules.UserIdInPath(userId), groupsOnly: true), cancellationToken);

    /// <summary>A removal or leave; <paramref name="groupsOnly"/> false only for erasure (a direct conversation loses the user too).</summary>
    private Plan RemovePlan(string targetId, bool groupsOnly) =>
        (snapshot, write, now) =>
        {
            if (groupsOnly)
            {
                MembershipRules.EnsureGroup(snapshot.Conversation);
            }
            else if (snapshot.State.FindMember(targetId) is not { IsActive: true })
            {
                return null;
            }

            var target = ActiveTarget(snapshot, targetId);
            MembershipRules.EnsureCanRemove(snapshot.Member, target);
            var leaving = target.UserId == snapshot.Actor.Id;
            var plan = new ChangePlan(write, snapshot.Actor, now, deps.Ids);
            plan.Post(leaving ? SystemEvents.MemberLeft : SystemEvents.MemberRemoved, [target.UserId],
                leaving ? "left the conversation" : $"removed {target.UserId}", null);
            var roles = new Dictionary<string, MemberRole?>();
            if (MembershipRules.NextOwner(snapshot.State.ActiveMembers, target) is { } heir)
            {
                plan.Post(SystemEvents.OwnerHandedOver, [heir.UserId], $"{heir.UserId} is now an owner", null);
                plan.UpdateMembership(heir with { Role = MemberRole.Owner, Change = write.NextChange() });
                roles[heir.UserId] = MemberRole.Owner;
            }

            plan.UpdateMembership(target with { State = MemberState.Left, LeftAt = now, RemovedBy = leaving ? null : snapshot.Actor.Id, Change = write.NextChange() });
            plan.Change(c => c with { MemberIds = c.MemberIds.Where(id => id != target.UserId).ToList() });
            plan.Groups.Add(new GroupChange(snapshot.Conversation.Id, target.UserId, Join: false));
            plan.Participants = new ParticipantsChangedEvent(snapshot.Conversation.Id, [], [target.UserId], roles);
            plan.Removed.Add(target.UserId);
            return plan;
        };

    /// <summary>Owner or admin of a group: closes it (history, receipts and changes keep working; sends, edits and reactions answer 409).</summary>
    public Task<ChatResult<ConversationDto?>> CloseAsync(ChatUser user, string? conversationId, CancellationToken cancellationToken) =>
        AsUserAsync(user, conversationId, LifecyclePlan(close: true), cancellationToken);

    public Task<ChatResult<ConversationDto?>> ReopenAsync(ChatUser user, string? conversationId, CancellationToken cancellationToken) =>
        AsUserAsync(user, conversationId, LifecyclePlan(close: false), cancellationToken);

    /// <summary>
    /// The caller's own settings: muted (until a time, or until unmuted) and archived (until a new message arrives).
    /// One patch of the caller's member document; the change feed updates their list entry and tells their devices.
    /// </summary>
    public async Task<MyStateDto> UpdateMeAsync(ChatUser user, string? conversationId, UpdateMeRequest request, CancellationToken cancellationToken)
    {
        var muted = Muted(request.Muted);
        if (muted is null && request.Archived is null)
        {
            throw ChatException.Validation(ErrorCodes.NothingToChange, "$", "Give muted or archived to change.");
        }

        var membership = await deps.LoadAsMemberAsync(conversationId, user.Id, null, cancellationToken);
        var lastSequence = membership.Conversation.LastSequence;
        var settings = new MemberSettings(muted, request.Archived is { } archived ? new ArchivedSetting(archived, lastSequence) : null);
        var updated = await deps.Store.TryUpdateSettingsAsync(membership.Conversation.Id, user.Id, settings, cancellationToken)
            ?? throw ChatDependencies.NotFound();
        var now = deps.Clock.GetUtcNow();
        return new MyStateDto(updated.Role, updated.IsMutedAt(now), updated.MutedUntil, updated.FolderAt(lastSequence) == ListFolder.Archived);
    }

    private Plan LifecyclePlan(bool close) =>
        (snapshot, write, now) =>
        {
            MembershipRules.EnsureGroup(snapshot.Conversation);
            MembershipRules.EnsureCanManage(snapshot.Member);
            if (snapshot.Conversation.IsClosed == close)
            {
                return null;
            }

            var plan = new ChangePlan(write, snapshot.Actor, now, deps.Ids);
            plan.Post(close ? SystemEvents.ConversationClosed : SystemEvents.ConversationReopened, [],
                close ? "closed the conversation" : "reopened the conversation", null);
            plan.ChangeInfo(c => c with { ClosedAt = close ? now : null, ClosedBy = close ? snapshot.Actor.Id : null });
            return plan;
        };

    /// <summary>A member's change: the answer is the conversation as the member sees it after it (null when they left).</summary>
    private Task<ChatResult<ConversationDto?>> AsUserAsync(ChatUser user, string? conversationId, Plan plan, CancellationToken cancellationToken) =>
        ChangeAsync(
            user,
            () => deps.LoadStateAsMemberAsync(conversationId, user.Id, cancellationToken),
            plan,
            (state, now) => state.FindMember(user.Id) is { IsActive: true } me ? Views.Conversation(new MemberSnapshot(state, me), now) : null,
            cancellationToken);

    /// <summary>The server's change, with an owner's authority: the answer is the conversation as the server sees it.</summary>
    private Task<ChatResult<ServerConversationDto>> AsServerAsync(string? conversationId, Plan plan, CancellationToken cancellationToken) =>
        ChangeAsync(
            ServerActor.For(_options),
            () => deps.LoadStateAsServerAsync(conversationId, cancellationToken),
            plan,
            (state, _) => Views.ServerConversation(state),
            cancellationToken);

    /// <summary>
    /// Reads the whole conversation state, lets <paramref name="plan"/> decide the change (null: nothing to change),
    /// writes it in one conditional batch and returns the conversation after it with its events and group changes;
    /// a lost race reads again and retries.
    /// </summary>
    private Task<ChatResult<T>> ChangeAsync<T>(
        ChatUser actor, Func<Task<MemberSnapshot>> load, Plan plan, Func<ConversationState, DateTimeOffset, T> view, CancellationToken cancellationToken) =>
        deps.RetryOnContentionAsync(async () =>
        {
            var snapshot = await load();
            var now = deps.Clock.GetUtcNow();
            var write = new ConversationWrite(snapshot.Conversation);
            if (plan(new Acting(actor, snapshot), write, now) is not { } change)
            {
                return ChatResult.Quiet(view(snapshot.State, now));
            }

            change.Complete();
            if (await deps.Store.TryCommitAsync(write, cancellationToken) != CommitOutcome.Committed)
            {
                return null;
            }

            var after = change.StateAfter(snapshot.State);
            var events = new List<RealtimeEvent>();
            foreach (var message in write.NewMessages)
            {
                var posted = await views.MessageAsync(message, null, new Dictionary<string, Message>(), null, after.FindMember(message.SenderId), cancellationToken);
                events.Add(RealtimeEvent.ToConversation(EventTargets.MessageCreated, message.ConversationId, posted));
            }

            if (change.Participants is { } participants)
            {
                events.Add(RealtimeEvent.ToConversation(EventTargets.ParticipantsChanged, participants.ConversationId, participants));
                events.AddRange(change.Removed.Select(id => RealtimeEvent.ToUser(EventTargets.ParticipantsChanged, id, participants)));
            }

            return new ChatResult<T>(view(after, now), events) { Groups = change.Groups };
        }, cancellationToken);

    private List<string> UserIdsToAdd(IReadOnlyList<string>? userIds)
    {
        if (userIds is null || userIds.Count == 0)
        {
            throw ChatException.Validation(ErrorCodes.ParticipantsRequired, "userIds", "Name at least one user to add.");
        }

        if (userIds.Count > _options.MaxParticipantsPerAdd)
        {
            throw ChatException.Validation(ErrorCodes.TooManyAtOnce, "userIds", $"Add at most {_options.MaxParticipantsPerAdd} users per call.");
        }

        InputRules.UserIds(userIds, "userIds");
        if (userIds.Distinct(StringComparer.Ordinal).Count() != userIds.Count)
        {
            throw ChatException.Validation(ErrorCodes.DuplicateParticipant, "userIds", "A user id appears more than once.");
        }

        // Naming yourself is no error: the caller is an active member, so they count as already there.
        return userIds.ToList();
    }

    private static Member ActiveTarget(Acting snapshot, string userId) =>
        snapshot.State.FindMember(userId) is { IsActive: true } target
            ? target
            : throw ChatException.NotFound(ErrorCodes.ParticipantNotFound, "That user is not a member of the conversation.");

    private static MutedSetting? Muted(JsonElement? muted) => muted switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => new MutedSetting(DateTimeOffset.MaxValue),
        { ValueKind: JsonValueKind.False } => new MutedSetting(null),
        { ValueKind: JsonValueKind.String } e when e.TryGetDateTimeOffset(out var until) => new MutedSetting(until.ToUniversalTime()),
        _ => throw ChatException.Validation(ErrorCodes.InvalidMuted, "muted", "muted is true, false, or an ISO 8601 time to mute until."),
    };

    private static bool SameMetadata(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var value) && value == pair.Value);

    /// <summary>Who acts (a member, or the server as owner) on which state.</summary>
    private sealed record Acting(ChatUser Actor, MemberSnapshot Snapshot)
    {
        public ConversationState State => Snapshot.State;

        public Conversation Conversation => Snapshot.Conversation;

        /// <summary>The acting member: the caller's member document, or the server's owner authority.</summary>
        public Member Member => Snapshot.Member;
    }

    /// <summary>One membership or lifecycle change being built: its system messages, member writes, group changes and event.</summary>
    private sealed class ChangePlan(ConversationWrite write, ChatUser actor, DateTimeOffset now, IIdGenerator ids)
    {
        private Func<Conversation, Conversation>? _info;
        private Func<Conversation, Conversation> _change = c => c;
        private Message? _lastPosted;

        public List<MemberWrite> Members { get; } = [];

        public List<GroupChange> Groups { get; } = [];

        public List<string> Removed { get; } = [];

        public ParticipantsChangedEvent? Participants { get; set; }

        /// <summary>Posts a system message (before any document it is about, so positions follow the history).</summary>
        public Message Post(string systemEvent, IReadOnlyList<string> userIds, string content, IReadOnlyDictionary<string, string>? metadata)
        {
            var message = SystemMessages.Create(write, actor, systemEvent, userIds, content, metadata, now, ids);
            write.NewMessages.Add(message);
            _lastPosted = message;
            return message;
        }

        public void UpdateMembership(Member member) => Members.Add(new MemberWrite(member, MemberWriteKind.UpdateMembership));

        /// <summary>A change of the conversation's own properties (title, metadata, lifecycle): it takes the last change position.</summary>
        public void ChangeInfo(Func<Conversation, Conversation> change) => _info = change;

        public void Change(Func<Conversation, Conversation> change) => _change = change;

        /// <summary>
        /// Fills in the write: the conversation (last message, activity, the change, and for an info change the last
        /// change position, so <c>conversationUpdated</c> knows its latest write changed what every member sees), the
        /// member documents, and the actor's read position moved to the last system message (sending counts as reading).
        /// </summary>
        public void Complete()
        {
            var conversation = _change(write.Conversation);
            if (_lastPosted is { } posted)
            {
                conversation = conversation with { LastMessage = posted.ToPreview(), LastActivityAt = now };
            }

            if (_info is { } info)
            {
                conversation = info(conversation) with { Change = write.NextChange() };
            }

            write.Conversation = conversation;
            if (_lastPosted is { } last)
            {
                var own = Members.FindIndex(m => m.Member.UserId == actor.Id);
                if (own >= 0)
                {
                    var mine = Members[own];
                    Members[own] = mine.Member.IsActive
                        ? mine with { Member = mine.Member with { ReadSequence = last.Sequence, ReadAt = now }, WithReadPosition = true }
                        : mine;
                }
                else if (!ServerActor.Is(actor.Id))
                {
                    write.SenderRead = new SenderRead(actor.Id, last.Sequence, now, actor.DisplayName);
                }
            }

            write.Members.AddRange(Members);
        }

        /// <summary>The conversation state after the write, for the answer.</summary>
        public ConversationState StateAfter(ConversationState before)
        {
            var members = before.Members.ToDictionary(m => m.UserId, StringComparer.Ordinal);
            foreach (var member in Members)
            {
                members[member.Member.UserId] = member.Member;
            }

            if (write.SenderRead is { } read && members.TryGetValue(read.UserId, out var sender))
            {
                members[read.UserId] = sender with { ReadSequence = read.Sequence, ReadAt = read.At };
            }

            return before with { Conversation = write.StoredConversation, Members = members.Values.OrderBy(m => m.JoinedAt).ToList() };
        }
    }
}
