using Chat.Shared.Realtime;

namespace Chat.Functions.Realtime;

public static class SignalRServiceCollectionExtensions
{
    /// <summary>
    /// The app's own Azure SignalR Service connection (<see cref="SignalRHub"/>): started with the host, used by the
    /// negotiate function, as <see cref="IRealtimePublisher"/> by the typing sweep and as <see cref="IConnectionDirectory"/>
    /// by the presence sweep (both get it passed to their run). Its connection is the
    /// <see cref="SignalRHub.ConnectionSetting"/> setting the output bindings use.
    /// </summary>
    public static IServiceCollection AddChatSignalR(this IServiceCollection services)
    {
        services.AddSingleton<SignalRHub>();
        services.AddSingleton<IRealtimePublisher>(sp => sp.GetRequiredService<SignalRHub>());
        services.AddHostedService(sp => sp.GetRequiredService<SignalRHub>());
        return services;
    }
}
