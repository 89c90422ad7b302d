using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Storage;

namespace Chat.Shared.Application;

/// <summary>
/// Complete catch-up after a reconnect: <c>sync</c> tells a client which of its conversations changed for it since its
/// token, <c>changes</c> returns everything that changed in one conversation since its token (messages created,
/// edited, deleted or reacted to; members joined, left or changed role; title, metadata, lifecycle) in its current
/// state, with every member's current positions.
/// </summary>
public sealed class SyncService(ChatDependencies deps, MessageService messages)
{
    private readonly ChatOptions _options = deps.Options;

    /// <summary>
    /// One page of changes after the token's position. Without a token: none, and a token for now. A token older than
    /// <see cref="SyncOptions.Retention"/> answers 410 <c>sync.token_expired</c>: reload the conversation and its history.
    /// </summary>
    public async Task<ChangesPageDto> GetChangesAsync(ChatUser user, string? conversationId, ChangesRequest request, CancellationToken cancellationToken)
    {
        var limit = InputRules.PageSize(request.Limit, _options);
        var id = InputRules.ResourceId(conversationId, "conversationId");
        var since = request.Since is null ? null : Cursors.ParseChanges(request.Since, id, "since");
        var snapshot = await deps.LoadStateAsMemberAsync(id, user.Id, cancellationToken);
        var now = deps.Clock.GetUtcNow();
        if (since is not null && now - since.IssuedAt > _options.Sync.Retention)
        {
            throw Expired("changes", "Reload the conversation and its latest history page, then call changes without a token.");
        }

        var participants = Views.Participants(snapshot.State);
        if (since is null)
        {
            return new ChangesPageDto(id, [], participants, Cursors.ForChanges(new ChangesToken(id, snapshot.Conversation.LastChange, now)), false);
        }

        var found = await deps.Store.GetChangesAsync(id, since.Position, limit + 1, cancellationToken);
        var hasMore = found.Count > limit;
        var page = found.Take(limit).ToList();
        var items = await ItemsAsync(page, user.Id, snapshot.State, cancellationToken);

        // Every position up to the last one handed out before the query is either in this page or was overwritten by a
        // later position, so the last page may jump to it.
        var next = hasMore ? page[^1].Position : Math.Max(since.Position, Math.Max(page.LastOrDefault()?.Position ?? 0, snapshot.Conversation.LastChange));
        return new ChangesPageDto(id, items, participants, Cursors.ForChanges(new ChangesToken(id, next, now)), hasMore);
    }

    /// <summary>
    /// One page of the caller's list entries written after the token, in sync order, from the caller's partition.
    /// Without a token: none, and a token for now. The last page's token starts <see cref="SyncOptions.ClockMargin"/>
    /// before now, so entries written by a projector whose clock is behind are not missed (they may come twice).
    /// </summary>
    public async Task<SyncPageDto> GetSyncAsync(ChatUser user, SyncRequest request, CancellationToken cancellationToken)
    {
        var limit = InputRules.PageSize(request.Limit, _options);
        var since = request.Since is null ? null : Cursors.ParseSync(request.Since, user.Id, "since");
        var now = deps.Clock.GetUtcNow();
        var fresh = new SyncPosition(now - _options.Sync.ClockMargin, string.Empty);
        if (since is null)
        {
            return new SyncPageDto([], Cursors.ForSync(new SyncToken(user.Id, fresh, now)), false);
        }

        if (now - since.IssuedAt > _options.Sync.Retention)
        {
            throw Expired("sync", "Reload the conversation list, then call sync without a token.");
        }

        var found = await deps.Store.GetListChangesAsync(user.Id, since.After, limit + 1, cancellationToken);
        var hasMore = found.Count > limit;
        var page = found.Take(limit).ToList();
        var next = hasMore ? new SyncPosition(page[^1].SyncAt, page[^1].ConversationId) : fresh;
        return new SyncPageDto(page.Select(e => Views.Summary(e, now)).ToList(), Cursors.ForSync(new SyncToken(user.Id, next, now)), hasMore);
    }

    private async Task<IReadOnlyList<ChangeDto>> ItemsAsync(
        List<ConversationChange> page, string viewerId, ConversationState state, CancellationToken cancellationToken)
    {
        var changedMessages = page.Where(c => c.Message is not null).Select(c => c.Message!).ToList();
        var views = (await messages.MessagesAsync(changedMessages, viewerId, state, cancellationToken))
            .ToDictionary(m => m.Id, StringComparer.Ordinal);
        return page.Select(c => c switch
        {
            { Message: { } m } => new ChangeDto(c.Position, ChangeTypes.Message, views[m.Id], null, null),
            { Member: { } m } => new ChangeDto(c.Position, ChangeTypes.Participant, null, Views.Member(m), null),
            _ => new ChangeDto(c.Position, ChangeTypes.Conversation, null, null, Views.Info(c.Conversation!)),
        }).ToList();
    }

    private static ChatException Expired(string what, string detail) =>
        ChatException.Gone(ErrorCodes.SyncTokenExpired, $"The {what} token is older than the change history kept. {detail}");
}
