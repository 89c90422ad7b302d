using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Realtime;
using Microsoft.Extensions.Logging;

namespace Chat.Shared.Application;

/// <summary>
/// Presence from SignalR Service connection events: one state per user over all their connections
/// (<see cref="PresenceRules"/>), written only if it is still the one read, so concurrent events of one user each see
/// the other's write. A change of online/offline is announced as <c>presenceChanged</c> to the group of every
/// conversation the user is an active member of: one SignalR message per conversation, whatever its size.
/// Other features ask <see cref="IsOnlineAsync"/> / <see cref="GetOnlineAsync"/>; as <see cref="IOnlineStatus"/> it
/// tells the notification sweep who sees the conversation in the app.
/// </summary>
public sealed class PresenceService(ChatDependencies deps, ILogger<PresenceService> logger) : IOnlineStatus
{
    /// <summary>The longest connection id accepted from the trigger (SignalR Service ids are about 20 to 50 characters).</summary>
    internal const int MaxConnectionIdLength = 128;

    private readonly PresenceOptions _options = deps.Options.Presence;

    /// <summary>
    /// A <c>connected</c> event: the new connection joins the SignalR group of every conversation its user is an active
    /// member of (one query of the user's partition, shared with the announcement), so a client that connects or
    /// reconnects is in all its groups whatever the service's limits on a user's groups; then the presence events
    /// (none unless the user came online).
    /// </summary>
    public async Task<SignalRActions> OnConnectedAsync(string? userId, string? connectionId, CancellationToken cancellationToken)
    {
        if (!IsEvent("connected", userId, connectionId))
        {
            return SignalRActions.None;
        }

        var conversations = await deps.Store.GetActiveConversationIdsAsync(userId!, cancellationToken);
        var events = await ApplyAsync(userId!, null, (current, now) => PresenceRules.Connected(current, connectionId!, now, _options), cancellationToken, conversations);
        return new SignalRActions(conversations.Select(id => new GroupChange(id, userId!, Join: true, connectionId)).ToList(), events);
    }

    /// <summary>A <c>connected</c> event's presence events (none unless the user came online); see <see cref="OnConnectedAsync"/>.</summary>
    public async Task<IReadOnlyList<RealtimeEvent>> ConnectedAsync(string? userId, string? connectionId, CancellationToken cancellationToken) =>
        (await OnConnectedAsync(userId, connectionId, cancellationToken)).Events;

    /// <summary>A <c>disconnected</c> event: the events to publish (none unless the user went offline).</summary>
    public Task<IReadOnlyList<RealtimeEvent>> DisconnectedAsync(string? userId, string? connectionId, CancellationToken cancellationToken) =>
        IsEvent("disconnected", userId, connectionId)
            ? ApplyAsync(userId!, null, (current, now) => PresenceRules.Disconnected(current, connectionId!, now, _options), cancellationToken)
            : Task.FromResult<IReadOnlyList<RealtimeEvent>>([]);

    /// <summary>A <c>disconnected</c> event as the trigger delivers it, with the connection's error when it closed with one.</summary>
    public Task<IReadOnlyList<RealtimeEvent>> DisconnectedAsync(string? userId, string? connectionId, string? error, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(error))
        {
            logger.LogDebug("A connection of {UserId} closed with an error: {Error}", userId, error);
        }

        return DisconnectedAsync(userId, connectionId, cancellationToken);
    }

    /// <summary>
    /// <c>GET /api/presence?userIds=</c>: the presence of users who share an active conversation with the caller (and the
    /// caller's own); everyone else answers as unknown, exactly like a user who does not exist. One query in the caller's
    /// partition, then one ReadMany of the visible users' states; nothing is read about the others.
    /// </summary>
    public async Task<PresenceListDto> GetAsync(ChatUser caller, PresenceRequest request, CancellationToken cancellationToken)
    {
        var userIds = InputRules.UserIdList(request.UserIds, _options.MaxUserIds, "userIds");
        var others = userIds.Where(id => id != caller.Id).ToList();
        var shared = others.Count == 0
            ? new HashSet<string>(StringComparer.Ordinal)
            : await deps.Store.GetSharedUsersAsync(caller.Id, others, cancellationToken);
        var visible = userIds.Where(id => id == caller.Id || shared.Contains(id)).ToList();
        var states = await deps.Presence.GetManyAsync(visible, cancellationToken);
        var visibleSet = visible.ToHashSet(StringComparer.Ordinal);
        return new PresenceListDto(userIds
            .Select(id => visibleSet.Contains(id) ? View(states.GetValueOrDefault(id) ?? UserPresence.NeverSeen(id)) : new PresenceDto(id, null, null, 0))
            .ToList());
    }

    /// <summary>Whether the user counts as online now (a connection open, or within the offline grace): one point read.</summary>
    public async Task<bool> IsOnlineAsync(string userId, CancellationToken cancellationToken) =>
        (await deps.Presence.GetAsync(userId, cancellationToken))?.Online ?? false;

    /// <summary>Those of <paramref name="userIds"/> who count as online now: one ReadMany request.</summary>
    public async Task<IReadOnlySet<string>> GetOnlineAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        var states = await deps.Presence.GetManyAsync(userIds, cancellationToken);
        return states.Values.Where(p => p.Online).Select(p => p.UserId).ToHashSet(StringComparer.Ordinal);
    }

    public static PresenceDto View(UserPresence presence) => new(presence.UserId, presence.Online, presence.LastSeenAt, presence.Version);

    /// <summary>
    /// Reads the user's state (the first attempt may start from <paramref name="known"/>, as read by the sweep), decides,
    /// and writes only if the state is still the one read; a write that lost to another event reads again and decides
    /// again. The events of the winning decision: one <c>presenceChanged</c> per active conversation, when announced.
    /// </summary>
    internal async Task<IReadOnlyList<RealtimeEvent>> ApplyAsync(
        string userId, UserPresence? known, Func<UserPresence, DateTimeOffset, PresenceDecision> decide, CancellationToken cancellationToken,
        IReadOnlyList<string>? activeConversations = null)
    {
        var first = known;
        var decision = await deps.RetryOnContentionAsync(async () =>
        {
            var current = first ?? await deps.Presence.GetAsync(userId, cancellationToken) ?? UserPresence.NeverSeen(userId);
            first = null;
            var decided = decide(current, deps.Clock.GetUtcNow());
            return !decided.Store || await deps.Presence.TryPutAsync(decided.Next with { ETag = current.ETag }, cancellationToken) ? decided : null;
        }, cancellationToken);
        if (!decision.Announce)
        {
            return [];
        }

        var presence = decision.Next;
        var conversations = activeConversations ?? await deps.Store.GetActiveConversationIdsAsync(userId, cancellationToken);
        logger.LogDebug("{UserId} is {Presence} (version {Version}); announced to {ConversationCount} conversations",
            userId, presence.Online ? "online" : "offline", presence.Version, conversations.Count);
        var payload = new PresenceChangedEvent(userId, presence.Online, presence.LastSeenAt, presence.Version);
        return conversations.Select(id => RealtimeEvent.ToConversation(EventTargets.PresenceChanged, id, payload)).ToList();
    }

    /// <summary>Connection events come from SignalR Service, but nothing of them is stored unchecked.</summary>
    private bool IsEvent(string name, string? userId, string? connectionId)
    {
        if (!ChatIds.IsValidUserId(userId))
        {
            // Negotiation always names the user, so only a connection made some other way has no valid user id.
            logger.LogWarning("Ignored a {Event} event without a valid user id", name);
            return false;
        }

        if (string.IsNullOrEmpty(connectionId) || connectionId.Length > MaxConnectionIdLength || connectionId.Any(c => c is <= ' ' or >= (char)0x7f))
        {
            logger.LogWarning("Ignored a {Event} event of {UserId} without a valid connection id", name, userId);
            return false;
        }

        return true;
    }
}
