namespace Chat.Shared.Domain;

/// <summary>Who may change a conversation's membership, roles, properties and lifecycle (SPEC 3.2).</summary>
public static class MembershipRules
{
    /// <summary>Direct conversations have no roles and fixed membership (409 <c>conversation.not_a_group</c>).</summary>
    public static void EnsureGroup(Conversation conversation)
    {
        if (conversation.Kind != ConversationKind.Group)
        {
            throw ChatException.Conflict(ErrorCodes.NotAGroup, "Direct conversations have fixed membership and no roles.");
        }
    }

    /// <summary>Owners and admins add and remove members, rename, change metadata, close and reopen.</summary>
    public static void EnsureCanManage(Member actor)
    {
        if (!actor.CanManage)
        {
            throw ChatException.Forbidden(ErrorCodes.RoleRequired, "Only an owner or an admin of the conversation can do this.");
        }
    }

    /// <summary>Only owners change roles.</summary>
    public static void EnsureCanChangeRoles(Member actor)
    {
        if (!actor.CanChangeRoles)
        {
            throw ChatException.Forbidden(ErrorCodes.RoleRequired, "Only an owner of the conversation can change roles.");
        }
    }

    /// <summary>
    /// Anyone may leave; an owner removes anyone; an admin removes members but not owners or other admins.
    /// </summary>
    public static void EnsureCanRemove(Member actor, Member target)
    {
        if (actor.UserId == target.UserId)
        {
            return;
        }

        var allowed = actor.Role == MemberRole.Owner || (actor.Role == MemberRole.Admin && target.Role == MemberRole.Member);
        if (!allowed)
        {
            throw ChatException.Forbidden(ErrorCodes.RoleRequired, "Owners remove anyone; admins remove members only.");
        }
    }

    /// <summary>
    /// When the last owner leaves or is removed, ownership goes to the longest-standing admin, else the
    /// longest-standing member; null when nobody else is left (or another owner remains).
    /// </summary>
    public static Member? NextOwner(IEnumerable<Member> activeMembers, Member leaving)
    {
        var remaining = activeMembers.Where(m => m.IsActive && m.UserId != leaving.UserId).ToList();
        if (leaving.Role != MemberRole.Owner || remaining.Any(m => m.Role == MemberRole.Owner))
        {
            return null;
        }

        return remaining.Where(m => m.Role == MemberRole.Admin).OrderBy(m => m.JoinedAt).ThenBy(m => m.UserId, StringComparer.Ordinal).FirstOrDefault()
            ?? remaining.OrderBy(m => m.JoinedAt).ThenBy(m => m.UserId, StringComparer.Ordinal).FirstOrDefault();
    }

    /// <summary>An owner may not demote themself while they are the only owner: someone must own the group.</summary>
    public static void EnsureAnOwnerRemains(IEnumerable<Member> activeMembers, Member target, MemberRole newRole)
    {
        if (target.Role == MemberRole.Owner && newRole != MemberRole.Owner
            && !activeMembers.Any(m => m.IsActive && m.UserId != target.UserId && m.Role == MemberRole.Owner))
        {
            throw ChatException.Conflict(ErrorCodes.LastOwner, "A group needs an owner: make someone else owner first.");
        }
    }

    public static MemberRole ParseRole(string? role) => role switch
    {
        "owner" => MemberRole.Owner,
        "admin" => MemberRole.Admin,
        "member" => MemberRole.Member,
        _ => throw ChatException.Validation(ErrorCodes.InvalidRole, "role", "role is one of owner, admin, member."),
    };
}

/// <summary>The server-authored messages that record membership and lifecycle changes in a conversation's history.</summary>
public static class SystemMessages
{
    /// <summary>
    /// A system message at the next sequence and change position: its sender is the user who made the change (whose
    /// read position moves with it, as with any send), its <see cref="Message.SystemEvent"/> says what happened, and
    /// <see cref="Message.SystemUserIds"/> whom it is about.
    /// </summary>
    public static Message Create(
        Storage.ConversationWrite write, ChatUser actor, string systemEvent, IReadOnlyList<string> userIds, string content,
        IReadOnlyDictionary<string, string>? metadata, DateTimeOffset now, IIdGenerator ids) => new()
        {
            Id = ids.NewId("m_"),
            ConversationId = write.Expected.Id,
            Sequence = write.NextSequence(),
            Change = write.NextChange(),
            SenderId = actor.Id,
            SenderName = actor.DisplayName,
            Type = MessageType.System,
            Content = content,
            SystemEvent = systemEvent,
            SystemUserIds = userIds,
            Metadata = metadata ?? new Dictionary<string, string>(),
            CreatedAt = now,
        };
}

/// <summary>Reactions on a message: the caller's own only, from an allow-list, a bounded number of distinct ones.</summary>
public static class Reactions
{
    /// <summary>
    /// The message with <paramref name="userId"/>'s <paramref name="reaction"/> added (or removed); null when nothing
    /// changes (already there, or not there). Deleted messages take no reactions; a new distinct reaction beyond
    /// <paramref name="maxDistinct"/> is 409 <c>reaction.limit_reached</c>.
    /// </summary>
    public static Message? Apply(Message message, string userId, string reaction, bool add, int maxDistinct)
    {
        if (message.IsDeleted)
        {
            throw ChatException.Conflict(ErrorCodes.MessageDeleted, "A deleted message takes no reactions.");
        }

        var users = message.Reactions.GetValueOrDefault(reaction) ?? [];
        if (add == users.Contains(userId))
        {
            return null;
        }

        if (add && users.Count == 0 && message.Reactions.Count >= maxDistinct)
        {
            throw ChatException.Conflict(ErrorCodes.ReactionLimitReached, $"A message has at most {maxDistinct} different reactions.");
        }

        var updated = new Dictionary<string, IReadOnlyList<string>>(message.Reactions, StringComparer.Ordinal);
        var changed = add ? [.. users, userId] : users.Where(u => u != userId).ToList();
        if (changed.Count == 0)
        {
            updated.Remove(reaction);
        }
        else
        {
            updated[reaction] = changed;
        }

        return message with { Reactions = updated };
    }
}
