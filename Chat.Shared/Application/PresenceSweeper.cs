using Chat.Shared.Domain;
using Chat.Shared.Realtime;
using Chat.Shared.Storage;
using Microsoft.Extensions.Logging;

namespace Chat.Shared.Application;

/// <summary>
/// The presence sweep (a timer): finds the states that are due — a connection whose lease ran out, or an offline grace
/// that ended — asks SignalR Service whether each such connection still exists, and applies the answers
/// (<see cref="PresenceRules.Checked"/>): an open connection is renewed for another lease, a gone one is closed as if its
/// <c>disconnected</c> event had arrived. So a client that stays connected stays online without calls of its own, and a
/// lost <c>disconnected</c> event keeps a user online for at most <see cref="PresenceOptions.ConnectionLease"/> plus the
/// sweep period. A connection SignalR Service could not answer for stays due for the next run. Cost per run follows the
/// due states (open connections once per lease, users going offline), never the number of users.
/// </summary>
public sealed class PresenceSweeper(ChatDependencies deps, PresenceService presence, ILogger<PresenceSweeper> logger)
{
    private readonly PresenceOptions _options = deps.Options.Presence;

    /// <summary>One run; <paramref name="connections"/> answers for SignalR Service (the host's connection to it).</summary>
    public async Task<PresenceSweepReport> RunAsync(IConnectionDirectory connections, CancellationToken cancellationToken)
    {
        var now = deps.Clock.GetUtcNow();
        var due = await deps.Presence.GetDueAsync(now, _options.SweepBatchSize, cancellationToken);
        var events = new List<RealtimeEvent>();
        var (asked, unanswered, failed) = (0, 0, 0);
        foreach (var state in due)
        {
            var answers = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (var connection in PresenceRules.LeaseOver(state, now, _options))
            {
                asked++;
                if (await AskAsync(connections, state.UserId, connection.ConnectionId, cancellationToken) is { } exists)
                {
                    answers[connection.ConnectionId] = exists;
                }
                else
                {
                    unanswered++;
                }
            }

            try
            {
                events.AddRange(await presence.ApplyAsync(
                    state.UserId, state, (current, at) => PresenceRules.Checked(current, answers, at, _options), cancellationToken));
            }
            catch (StoreUnavailableException ex)
            {
                failed++;
                logger.LogWarning(ex, "The presence of {UserId} could not be swept; it stays due for the next run", state.UserId);
            }
        }

        return new PresenceSweepReport(due.Count, asked, unanswered, failed, events);
    }

    /// <summary>True or false as SignalR Service answered; null when it could not answer (the connection stays due).</summary>
    private async Task<bool?> AskAsync(IConnectionDirectory connections, string userId, string connectionId, CancellationToken cancellationToken)
    {
        try
        {
            return await connections.ConnectionExistsAsync(connectionId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not ask SignalR Service about a connection of {UserId}; it stays due for the next run", userId);
            return null;
        }
    }
}

/// <summary>
/// What one presence sweep saw and did: due states, connections asked about (and those SignalR Service did not answer
/// for), states the store refused, and the <c>presenceChanged</c> events to publish.
/// </summary>
public sealed record PresenceSweepReport(int Due, int Asked, int Unanswered, int Failed, IReadOnlyList<RealtimeEvent> Events);
