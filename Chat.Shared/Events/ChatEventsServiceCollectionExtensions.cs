using Chat.Shared.Application;
using Chat.Shared.Storage;
using Chat.Shared.Storage.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Shared.Events;

public static class ChatEventsServiceCollectionExtensions
{
    /// <summary>
    /// Events to the app's backend and read-aware notifications: <see cref="ChatEventsOptions"/> (<c>Chat:Events</c>) and
    /// <see cref="NotificationOptions"/> (<c>Chat:Notifications</c>), validated at start-up; the Event Grid publisher
    /// (none when disabled); the change-feed handler and the notification sweep; and a start-up log line saying where
    /// events go, or that they are off. Needs <c>AddChatCore</c> (presence answers <see cref="IOnlineStatus"/>) and the
    /// stores (<see cref="IEventStateStore"/> is registered by <c>AddChatCosmos</c>).
    /// </summary>
    public static IServiceCollection AddChatEvents(this IServiceCollection services)
    {
        services.AddOptions<ChatEventsOptions>().BindConfiguration(ChatEventsOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChatEventsOptions>, ChatEventsOptionsValidator>());
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IChatEventPublisher>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ChatEventsOptions>>().Value;
            return options.Enabled
                ? EventGridChatEventPublisher.Create(sp.GetRequiredService<IConfiguration>(), options)
                : new DisabledChatEventPublisher();
        });
        services.TryAddSingleton<ChatEventDispatcher>();
        services.TryAddSingleton<NotificationSweeper>();
        services.TryAddSingleton<EventChangeFeed>();
        services.AddHostedService<ChatEventsStartupLog>();
        return services;
    }
}

/// <summary>Says at start-up where events to the app's backend go, or that they are off.</summary>
public sealed class ChatEventsStartupLog(
    IOptions<ChatEventsOptions> events, IOptions<NotificationOptions> notifications, IConfiguration configuration, ILogger<ChatEventsStartupLog> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = events.Value;
        if (!options.Enabled)
        {
            logger.LogWarning(
                "Publishing to Event Grid is disabled (Chat:Events:Enabled is false): no domain events and no chat.notification.due go to the app's backend. " +
                "Set Chat:Events:Enabled to true and {Connection}__topicEndpointUri where a topic exists.", options.ConnectionName);
            return Task.CompletedTask;
        }

        logger.LogInformation(
            "Events to the app's backend go to the Event Grid topic {TopicEndpoint} with source {Source}; notifications {NotificationState}, due after {Delay}",
            ChatEventsOptionsValidator.TopicOf(configuration, options)?.ServiceUri, options.Source,
            notifications.Value.Enabled ? "on" : "off", notifications.Value.Delay);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
