namespace Chat.Shared.Application;

/// <summary>
/// Who is online now, for read-aware notifications: an online member sees the conversation in the app, so no
/// <c>chat.notification.due</c> is published for them. Implemented by <see cref="PresenceService"/> (online: a connection
/// open, or within the offline grace), registered by <c>AddChatCore</c>.
/// </summary>
public interface IOnlineStatus
{
    /// <summary>Those of <paramref name="userIds"/> who are online (one call per conversation a sweep handles).</summary>
    Task<IReadOnlySet<string>> GetOnlineAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken);
}
