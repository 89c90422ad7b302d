using Azure.Core.Serialization;
using Chat.Shared.Configuration;
using Chat.Shared.Contracts;
using Chat.Shared.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Azure.SignalR;
using Microsoft.Azure.SignalR.Management;

namespace Chat.Functions.Realtime;

/// <summary>
/// The app's own connection to Azure SignalR Service (Management SDK, transient mode) for the hub
/// <see cref="ChatHub.Name"/>: negotiates client connections for the validated caller id, publishes events
/// whose delivery the caller must know about (the typing sweep), and answers whether a client connection still exists
/// (the presence sweep). HTTP functions publish through output bindings.
/// Uses the same <c>AzureSignalRConnectionString</c> setting as the bindings.
/// </summary>
public sealed class SignalRHub(IConfiguration configuration, ILoggerFactory loggerFactory) : IHostedService, IRealtimePublisher, IConnectionDirectory
{
    public const string ConnectionSetting = "AzureSignalRConnectionString";

    private ServiceHubContext? _hub;

    private ServiceHubContext Hub => _hub ?? throw new InvalidOperationException("The SignalR hub context has not started.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var connection = ServiceConnection.From(configuration, ConnectionSetting, ServiceConnection.SignalRServiceUri);
        using var manager = new ServiceManagerBuilder()
            .WithOptions(options =>
            {
                options.ServiceTransportType = ServiceTransportType.Transient;
                options.UseJsonObjectSerializer(new JsonObjectSerializer(ChatJson.Options));
                options.ConnectionString = connection.ConnectionString;
                options.ServiceEndpoints = connection.ServiceUri is { } uri
                    ? [new ServiceEndpoint(uri, AzureCredentials.For(connection.ClientId))]
                    : null;
            })
            .WithLoggerFactory(loggerFactory)
            .BuildServiceManager();
        _hub = await manager.CreateHubContextAsync(ChatHub.Name, cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }
    }

    /// <summary>Connection info JSON <c>{ url, accessToken }</c> whose token carries <paramref name="userId"/> as the SignalR user.</summary>
    public async Task<BinaryData> NegotiateAsync(string userId, CancellationToken cancellationToken)
    {
        var response = await Hub.NegotiateAsync(new NegotiationOptions { UserId = userId }, cancellationToken);
        return BinaryData.FromObjectAsJson(new SignalRConnectionInfo(response.Url!, response.AccessToken!), ChatJson.Options);
    }

    /// <summary>Users join or leave conversations' groups (user-group membership: it applies to the user's later connections too).</summary>
    public async Task ApplyGroupChangesAsync(IReadOnlyList<GroupChange> changes, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            if (change.ConnectionId is { } connectionId)
            {
                await (change.Join
                    ? Hub.Groups.AddToGroupAsync(connectionId, change.GroupName, cancellationToken)
                    : Hub.Groups.RemoveFromGroupAsync(connectionId, change.GroupName, cancellationToken));
            }
            else if (change.Join)
            {
                await Hub.UserGroups.AddToGroupAsync(change.UserId, change.GroupName, cancellationToken);
            }
            else
            {
                await Hub.UserGroups.RemoveFromGroupAsync(change.UserId, change.GroupName, cancellationToken);
            }
        }
    }

    /// <summary>Whether the connection is still open: one REST call (HEAD of the connection) to the service.</summary>
    public Task<bool> ConnectionExistsAsync(string connectionId, CancellationToken cancellationToken) =>
        Hub.ClientManager.ConnectionExistsAsync(connectionId, cancellationToken);

    public async Task PublishAsync(IReadOnlyList<RealtimeEvent> events, CancellationToken cancellationToken)
    {
        foreach (var e in events)
        {
            var clients = e.Audience.GroupName is { } group ? Hub.Clients.Group(group) : Hub.Clients.User(e.Audience.UserId!);
            await clients.SendAsync(e.Target, e.PayloadJson(), cancellationToken);
        }
    }
}

/// <summary>What <c>POST /api/negotiate</c> returns: any SignalR client connects with it.</summary>
public sealed record SignalRConnectionInfo(string Url, string AccessToken);
