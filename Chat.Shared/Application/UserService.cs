using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Storage;

namespace Chat.Shared.Application;

/// <summary>
/// Users as other users see them (<c>GET /api/users/{userId}</c>, <c>GET /api/users?ids=</c>, <c>?prefix=</c>). A user is
/// visible to the caller when both are active members of a conversation, when their profile lists them in the
/// directory, or when they are the caller. Nothing here runs a cross-partition query: profiles are point reads, shared
/// conversations are found in the caller's own list partition, and a directory search is one bucket.
/// </summary>
public sealed class UserService(ChatDependencies deps, IProfileStore profiles)
{
    private const int ListPage = 100;

    private readonly ChatOptions _options = deps.Options;

    /// <summary>One visible user, or 404 <c>user.not_found</c> (the same answer for a user who does not exist).</summary>
    public async Task<UserDto> GetAsync(ChatUser caller, string? userId, CancellationToken cancellationToken)
    {
        var id = InputRules.UserIdInPath(userId);
        var found = await LookupAsync(caller, [id], cancellationToken);
        return found.Count == 1 ? found[0] : throw ProfileService.UserNotFound();
    }

    /// <summary>
    /// <c>?ids=</c> (comma-separated, at most <see cref="UsersOptions.MaxLookupIds"/>) or <c>?prefix=</c> (directory search,
    /// paginated): exactly one of them.
    /// </summary>
    public async Task<object> QueryAsync(ChatUser caller, UsersRequest request, CancellationToken cancellationToken)
    {
        if ((request.Ids is null) == (request.Prefix is null))
        {
            throw ChatException.Validation(ErrorCodes.UserQueryRequired, "ids", "Give either ids (comma-separated user ids) or prefix (a directory search).");
        }

        if (request.Ids is not null)
        {
            if (request.Cursor is not null || request.Limit is not null)
            {
                throw ChatException.Validation(ErrorCodes.InvalidCursor, "cursor", "cursor and limit page a prefix search, not ids.");
            }

            return new UsersDto(await LookupAsync(caller, Ids(request.Ids), cancellationToken));
        }

        return await SearchAsync(request.Prefix!, request.Cursor, request.Limit, cancellationToken);
    }

    /// <summary>
    /// The directory: listed users whose normalised name starts with the prefix (at least
    /// <see cref="DirectoryNames.BucketLength"/> letters or digits), by name. One query in the prefix's bucket per page.
    /// </summary>
    public async Task<PageDto<UserDto>> SearchAsync(string prefix, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var pageSize = InputRules.PageSize(limit, _options);
        var normalized = prefix.Length <= _options.Users.MaxDisplayNameLength ? DirectoryNames.Normalize(prefix) : string.Empty;
        var bucket = DirectoryNames.Bucket(normalized)
            ?? throw ChatException.Validation(ErrorCodes.InvalidPrefix, "prefix",
                $"prefix needs at least {DirectoryNames.BucketLength} letters or digits (and at most {_options.Users.MaxDisplayNameLength} characters).");
        var after = cursor is null ? null : Cursors.ParseDirectory(cursor, normalized, "cursor");
        var entries = await profiles.SearchDirectoryAsync(bucket, normalized, after, pageSize + 1, cancellationToken);
        var page = entries.Take(pageSize).ToList();
        var hasMore = entries.Count > pageSize;
        var next = hasMore ? Cursors.ForDirectory(new DirectoryPosition(normalized, page[^1].Name, page[^1].UserId)) : null;
        return new PageDto<UserDto>(page.Select(e => new UserDto(e.UserId, e.DisplayName, e.AvatarUrl)).ToList(), next, hasMore);
    }

    /// <summary>
    /// The visible users among <paramref name="ids"/>, in that order. Cost: one point read per id (profiles); for ids
    /// neither in the directory nor the caller, pages of the caller's own list (most recent first) until each is found in
    /// a conversation or the list ends, then one read of member documents per conversation that names users without a
    /// profile (their name comes from their token, as every conversation view shows it).
    /// </summary>
    public async Task<IReadOnlyList<UserDto>> LookupAsync(ChatUser caller, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var found = (await profiles.GetProfilesAsync(ids, cancellationToken)).ToDictionary(p => p.UserId, StringComparer.Ordinal);
        var visible = new Dictionary<string, UserDto>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (id == caller.Id)
            {
                visible[id] = found.TryGetValue(id, out var own) ? Views.User(own) : new UserDto(id, caller.DisplayName, null);
            }
            else if (found.TryGetValue(id, out var listed) && listed.InDirectory)
            {
                visible[id] = Views.User(listed);
            }
        }

        var shared = await SharedConversationsAsync(caller.Id, ids.Where(id => !visible.ContainsKey(id)).ToHashSet(StringComparer.Ordinal), cancellationToken);
        var withoutProfile = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (id, conversationId) in shared)
        {
            if (found.TryGetValue(id, out var profile))
            {
                visible[id] = Views.User(profile);
            }
            else
            {
                (withoutProfile.TryGetValue(conversationId, out var users) ? users : withoutProfile[conversationId] = []).Add(id);
            }
        }

        foreach (var (conversationId, users) in withoutProfile)
        {
            var items = await deps.Store.ReadItemsAsync(conversationId, new ItemKeys { MemberIds = users }, cancellationToken);
            foreach (var member in items.Members.Values.Where(m => m.IsActive))
            {
                visible[member.UserId] = Views.User(member);
            }
        }

        return ids.Where(visible.ContainsKey).Select(id => visible[id]).ToList();
    }

    /// <summary>
    /// For each of <paramref name="wanted"/> that shares an active conversation with the caller, one such conversation:
    /// the caller's inbox, then archive, most recent first, from the caller's own partition, until every one is found.
    /// </summary>
    private async Task<Dictionary<string, string>> SharedConversationsAsync(string callerId, HashSet<string> wanted, CancellationToken cancellationToken)
    {
        var shared = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var folder in new[] { ListFolder.Inbox, ListFolder.Archived })
        {
            ConversationListPosition? after = null;
            while (shared.Count < wanted.Count)
            {
                var page = await deps.Store.GetUserConversationsAsync(callerId, new ListQuery(folder), after, ListPage, cancellationToken);
                foreach (var entry in page.Where(e => e.State == MemberState.Active))
                {
                    foreach (var participant in entry.ParticipantIds.Where(p => wanted.Contains(p) && !shared.ContainsKey(p)))
                    {
                        shared[participant] = entry.ConversationId;
                    }
                }

                if (page.Count < ListPage)
                {
                    break;
                }

                after = new ConversationListPosition(page[^1].LastActivityAt, page[^1].ConversationId);
            }
        }

        return shared;
    }

    /// <summary>Comma-separated user ids, each valid, at most <see cref="UsersOptions.MaxLookupIds"/>, duplicates once.</summary>
    private List<string> Ids(string text)
    {
        var ids = text.Split(',').Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count > _options.Users.MaxLookupIds)
        {
            throw ChatException.Validation(ErrorCodes.TooManyUserIds, "ids", $"Ask for at most {_options.Users.MaxLookupIds} users at once.");
        }

        return ids.All(ChatIds.IsValidUserId)
            ? ids
            : throw ChatException.Validation(ErrorCodes.InvalidId, "ids", "ids is a comma-separated list of valid user ids.");
    }
}
