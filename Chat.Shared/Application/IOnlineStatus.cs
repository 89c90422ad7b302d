namespace Chat.Shared.Application;

/// <summary>
/// Who is online now, for read-aware notifications: an online member sees the conversation in the app, so no
/// <c>chat.notification.due</c> is published for them. Presence (SPEC 4, built separately) replaces the default by
/// registering its own implementation with <c>AddSingleton&lt;IOnlineStatus, …&gt;()</c> (the default is registered
/// with TryAdd).
/// </summary>
public interface IOnlineStatus
{
    /// <summary>Those of <paramref name="userIds"/> who are online (one call per conversation a sweep handles).</summary>
    Task<IReadOnlySet<string>> GetOnlineAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken);
}

/// <summary>Until presence exists: nobody counts as online, so notifications depend on reads and mute only.</summary>
public sealed class NoPresenceOnlineStatus : IOnlineStatus
{
    private static readonly IReadOnlySet<string> Nobody = new HashSet<string>();

    public Task<IReadOnlySet<string>> GetOnlineAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken) => Task.FromResult(Nobody);
}
