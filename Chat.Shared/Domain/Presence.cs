namespace Chat.Shared.Domain;

/// <summary>One open SignalR connection of a user: when it opened and when it was last known to be open.</summary>
public sealed record PresenceConnection(string ConnectionId, DateTimeOffset ConnectedAt, DateTimeOffset ConfirmedAt);

/// <summary>
/// A connection that closed (or was found gone). Remembered for <see cref="PresenceOptions.ConnectionLease"/>, so a
/// repeated <c>disconnected</c> event, or a <c>connected</c> event that arrives after its own <c>disconnected</c>, changes
/// nothing.
/// </summary>
public sealed record ClosedConnection(string ConnectionId, DateTimeOffset ClosedAt);

/// <summary>
/// A user's presence over all their connections and devices. <see cref="Online"/>, <see cref="LastSeenAt"/> and
/// <see cref="Version"/> are what others are told (they change together, and only with a <c>presenceChanged</c> event);
/// the rest is the bookkeeping <see cref="PresenceRules"/> decides from. The user is online while any connection is
/// open, and for <see cref="PresenceOptions.OfflineGrace"/> after the last one closed (<see cref="OfflineSince"/>).
/// </summary>
public sealed record UserPresence
{
    public required string UserId { get; init; }

    public bool Online { get; init; }

    /// <summary>When the user was last connected: set when they went offline; null while online and for users never seen.</summary>
    public DateTimeOffset? LastSeenAt { get; init; }

    /// <summary>Grows by one with every change of <see cref="Online"/>: clients keep the state with the highest version.</summary>
    public long Version { get; init; }

    public IReadOnlyList<PresenceConnection> Connections { get; init; } = [];

    public IReadOnlyList<ClosedConnection> Closed { get; init; } = [];

    /// <summary>When the last connection closed, while the offline grace runs (the user still counts as online).</summary>
    public DateTimeOffset? OfflineSince { get; init; }

    /// <summary>When the presence sweep must look at this state next (a lease ends or the grace ends); null: never.</summary>
    public DateTimeOffset? DueAt { get; init; }

    public string? ETag { get; init; }

    /// <summary>The state of a user with no stored presence: offline, never seen.</summary>
    public static UserPresence NeverSeen(string userId) => new() { UserId = userId };
}

/// <summary>What a presence event leads to: the state to store (if anything changed) and whether others are told.</summary>
public sealed record PresenceDecision(UserPresence Next, bool Store, bool Announce)
{
    public static PresenceDecision Unchanged(UserPresence current) => new(current, Store: false, Announce: false);
}

/// <summary>
/// How connection events change a user's presence. Connections are counted by id, so a repeated event changes nothing;
/// closed ids are remembered, so a <c>connected</c> event that arrives after its own <c>disconnected</c> changes
/// nothing; a connection whose <c>disconnected</c> event was lost is found by the presence sweep, which asks SignalR
/// Service whether it still exists once its lease has run (<see cref="Checked"/>). Only a change of
/// <see cref="UserPresence.Online"/> is announced: a second device connecting, or one of two disconnecting, is not.
/// </summary>
public static class PresenceRules
{
    /// <summary>Connections kept per user; beyond it the one confirmed longest ago is forgotten (the user stays online).</summary>
    public const int MaxConnections = 50;

    /// <summary>Closed connection ids kept per user (the most recent ones, for at most a lease).</summary>
    public const int MaxClosed = 50;

    /// <summary>A <c>connected</c> event for <paramref name="connectionId"/> at <paramref name="now"/>.</summary>
    public static PresenceDecision Connected(UserPresence current, string connectionId, DateTimeOffset now, PresenceOptions options)
    {
        if (current.Connections.Any(c => c.ConnectionId == connectionId) || current.Closed.Any(c => c.ConnectionId == connectionId))
        {
            return PresenceDecision.Unchanged(current);
        }

        var connections = current.Connections.Append(new PresenceConnection(connectionId, now, now))
            .OrderByDescending(c => c.ConfirmedAt)
            .Take(MaxConnections)
            .OrderBy(c => c.ConnectedAt)
            .ToList();
        var next = current with { Connections = connections, OfflineSince = null, Closed = Recent(current.Closed, now, options) };
        return current.Online
            ? Stored(next, options)
            : Announced(next with { Online = true, LastSeenAt = null, Version = current.Version + 1 }, options);
    }

    /// <summary>
    /// A <c>disconnected</c> event for <paramref name="connectionId"/> at <paramref name="now"/>. The last connection
    /// closing starts the offline grace (or, without one, takes the user offline with <c>lastSeenAt</c> = now); a
    /// connection not known yet is only remembered as closed.
    /// </summary>
    public static PresenceDecision Disconnected(UserPresence current, string connectionId, DateTimeOffset now, PresenceOptions options)
    {
        if (current.Closed.Any(c => c.ConnectionId == connectionId))
        {
            return PresenceDecision.Unchanged(current);
        }

        var remaining = current.Connections.Where(c => c.ConnectionId != connectionId).ToList();
        var next = current with
        {
            Connections = remaining,
            Closed = Recent([.. current.Closed, new ClosedConnection(connectionId, now)], now, options),
        };
        var wasLast = remaining.Count == 0 && current.Connections.Count > 0 && current.Online;
        if (!wasLast)
        {
            return Stored(next, options);
        }

        return options.OfflineGrace > TimeSpan.Zero
            ? Stored(next with { OfflineSince = now }, options)
            : Announced(Offline(next, now), options);
    }

    /// <summary>
    /// The presence sweep at <paramref name="now"/>: connections whose lease ran out and that SignalR Service answered for
    /// (<paramref name="exists"/>: true, still open; false, gone) are confirmed or closed; when the last one is gone the
    /// user goes offline at once, last seen when that connection was last confirmed (its <c>disconnected</c> event was
    /// lost, so it closed at some time after). An offline grace that ran out takes the user offline, last seen when the
    /// last connection closed. Connections without an answer stay due.
    /// </summary>
    public static PresenceDecision Checked(UserPresence current, IReadOnlyDictionary<string, bool> exists, DateTimeOffset now, PresenceOptions options)
    {
        var gone = current.Connections.Where(c => IsLeaseOver(c, now, options) && exists.TryGetValue(c.ConnectionId, out var open) && !open).ToList();
        var connections = current.Connections
            .Where(c => !gone.Contains(c))
            .Select(c => IsLeaseOver(c, now, options) && exists.GetValueOrDefault(c.ConnectionId) ? c with { ConfirmedAt = now } : c)
            .ToList();
        var changed = gone.Count > 0 || !connections.SequenceEqual(current.Connections);
        var next = current with
        {
            Connections = connections,
            Closed = Recent([.. current.Closed, .. gone.Select(c => new ClosedConnection(c.ConnectionId, now))], now, options),
        };

        if (gone.Count > 0 && connections.Count == 0 && current.Online)
        {
            return Announced(Offline(next, gone.Max(c => c.ConfirmedAt)), options);
        }

        if (connections.Count == 0 && current.OfflineSince is { } since && since + options.OfflineGrace <= now && current.Online)
        {
            return Announced(Offline(next, since), options);
        }

        return changed ? Stored(next, options) : PresenceDecision.Unchanged(current);
    }

    /// <summary>The connections of <paramref name="presence"/> whose lease ran out at <paramref name="now"/>: the sweep asks SignalR Service about these.</summary>
    public static IReadOnlyList<PresenceConnection> LeaseOver(UserPresence presence, DateTimeOffset now, PresenceOptions options) =>
        presence.Connections.Where(c => IsLeaseOver(c, now, options)).ToList();

    private static bool IsLeaseOver(PresenceConnection connection, DateTimeOffset now, PresenceOptions options) =>
        connection.ConfirmedAt + options.ConnectionLease <= now;

    private static UserPresence Offline(UserPresence presence, DateTimeOffset lastSeenAt) => presence with
    {
        Online = false,
        OfflineSince = null,
        LastSeenAt = lastSeenAt,
        Version = presence.Version + 1,
    };

    private static List<ClosedConnection> Recent(IEnumerable<ClosedConnection> closed, DateTimeOffset now, PresenceOptions options) =>
        closed.Where(c => c.ClosedAt + options.ConnectionLease > now)
            .OrderByDescending(c => c.ClosedAt)
            .Take(MaxClosed)
            .OrderBy(c => c.ClosedAt)
            .ToList();

    private static PresenceDecision Stored(UserPresence next, PresenceOptions options) => new(WithDueAt(next, options), Store: true, Announce: false);

    private static PresenceDecision Announced(UserPresence next, PresenceOptions options) => new(WithDueAt(next, options), Store: true, Announce: true);

    /// <summary>The earliest of the connections' lease ends and the end of the offline grace.</summary>
    private static UserPresence WithDueAt(UserPresence presence, PresenceOptions options)
    {
        DateTimeOffset? due = presence.Connections.Count > 0 ? presence.Connections.Min(c => c.ConfirmedAt) + options.ConnectionLease : null;
        if (presence.OfflineSince is { } since && (due is null || since + options.OfflineGrace < due))
        {
            due = since + options.OfflineGrace;
        }

        return presence with { DueAt = due };
    }
}
