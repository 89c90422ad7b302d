namespace Chat.Shared.Realtime;

/// <summary>
/// Asks SignalR Service whether a client connection of the hub <see cref="ChatHub.Name"/> is still open. The presence
/// sweep asks about connections whose lease ran out, so a lost <c>disconnected</c> event cannot keep a user online and
/// a client that stays connected needs no call of its own to stay online.
/// </summary>
public interface IConnectionDirectory
{
    Task<bool> ConnectionExistsAsync(string connectionId, CancellationToken cancellationToken);
}
