using System.Collections.Concurrent;
using Chat.Shared.Application;
using Chat.Shared.Domain;
using Chat.Shared.Events;
using Chat.Shared.Storage;
using Chat.Shared.Storage.Cosmos;
using Chat.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Tests.Events;

/// <summary>Settings, validation at start-up, composition and the start-up log of events to the app's backend.</summary>
public class ChatEventsServiceCollectionExtensionsTests
{
    private const string Topic = "https://evgt-test.westeurope-1.eventgrid.azure.net/api/events";

    [Fact]
    public async Task EventGrid_Disabled_NeedsNoTopic_AndTheStartUpLogSaysNothingIsPublished()
    {
        var logs = new CapturingLoggerProvider();
        await using var provider = Build(new() { ["Chat:Events:Enabled"] = "false" }, logs);

        await StartAsync(provider);

        Assert.IsType<DisabledChatEventPublisher>(provider.GetRequiredService<IChatEventPublisher>());
        var line = Assert.Single(logs.Entries, e => e.Category == typeof(ChatEventsStartupLog).FullName);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Contains("disabled", line.Message, StringComparison.Ordinal);
        Assert.Contains("Chat:Events:Enabled", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventGrid_Enabled_PublishesToTheConfiguredTopic_AndTheStartUpLogNamesIt()
    {
        var logs = new CapturingLoggerProvider();
        await using var provider = Build(new() { ["EventGrid:topicEndpointUri"] = Topic, ["Chat:Events:Source"] = "https://chat.contoso.com" }, logs);

        await StartAsync(provider);

        Assert.IsType<EventGridChatEventPublisher>(provider.GetRequiredService<IChatEventPublisher>());
        var line = Assert.Single(logs.Entries, e => e.Category == typeof(ChatEventsStartupLog).FullName);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Contains(Topic, line.Message, StringComparison.Ordinal);
        Assert.Contains("https://chat.contoso.com", line.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public void Composition_WithTheCoreAndItsPorts_CanConstructEveryServiceItRegisters(string enabled)
    {
        var services = Services(new() { ["Chat:Events:Enabled"] = enabled, ["EventGrid:topicEndpointUri"] = Topic }, null);

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.IsType<EventChangeFeed>(provider.GetRequiredService<EventChangeFeed>());
    }

    [Fact]
    public void Composition_WithoutTheEventStateStore_FailsAtBuild_NamingIt()
    {
        var services = Services(new() { ["Chat:Events:Enabled"] = "false" }, null);
        services.RemoveAll<IEventStateStore>();

        var error = Assert.Throws<AggregateException>(
            () => services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }));

        Assert.Contains(typeof(IEventStateStore).FullName!, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "EventGrid__topicEndpointUri")]
    [InlineData("http://evgt-test.westeurope-1.eventgrid.azure.net/api/events", "EventGrid__topicEndpointUri")]
    public void EventGrid_EnabledWithoutAnHttpsTopic_StopsStartUp_NamingTheSetting(string? endpoint, string named)
    {
        using var provider = Build(new() { ["EventGrid:topicEndpointUri"] = endpoint });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ChatEventsOptions>>().Value);

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EventGrid_AConnectionStringWithAKey_IsNotAccepted()
    {
        using var provider = Build(new() { ["EventGrid"] = $"Endpoint={Topic};AccessKey=abc" });

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ChatEventsOptions>>().Value);
    }

    [Theory]
    [InlineData("Chat:Events:Source", " ")]
    [InlineData("Chat:Events:Source", "http://[bad")]
    [InlineData("Chat:Events:ConnectionName", "")]
    public void EventGrid_InvalidSettings_StopStartUp(string key, string value)
    {
        using var provider = Build(new() { ["EventGrid:topicEndpointUri"] = Topic, [key] = value });

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ChatEventsOptions>>().Value);
    }

    [Theory]
    [InlineData("Chat:Notifications:Delay", "-00:00:01")]
    [InlineData("Chat:Notifications:Delay", "2.00:00:00")]
    [InlineData("Chat:Notifications:SweepClaim", "00:00:00")]
    [InlineData("Chat:Notifications:SweepBatchSize", "0")]
    [InlineData("Chat:Notifications:WindowCapacity", "1")]
    public void Notification_InvalidSettings_StopStartUp(string key, string value)
    {
        using var provider = Build(new() { ["Chat:Events:Enabled"] = "false", [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<NotificationOptions>>().Value);

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notification_OnlineStatus_IsPresence_SoAUserWithAnOpenConnectionIsOnline()
    {
        await using var provider = Build(new() { ["Chat:Events:Enabled"] = "false" });
        var presence = provider.GetRequiredService<IPresenceStore>();
        var now = DateTimeOffset.UtcNow;
        await presence.TryPutAsync(new UserPresence
        {
            UserId = "bob", Online = true, Version = 1, Connections = [new PresenceConnection("c1", now, now)], DueAt = now.AddMinutes(1),
        }, CancellationToken.None);
        await presence.TryPutAsync(new UserPresence { UserId = "carol", Online = false, Version = 2, LastSeenAt = now }, CancellationToken.None);

        var online = provider.GetRequiredService<NotificationSweeperProbe>().Online;

        Assert.Same(provider.GetRequiredService<PresenceService>(), online);
        Assert.Equal(["bob"], await online.GetOnlineAsync(["alice", "bob", "carol"], CancellationToken.None));
    }

    private static async Task StartAsync(ServiceProvider provider)
    {
        foreach (var service in provider.GetServices<IHostedService>().OfType<ChatEventsStartupLog>())
        {
            await service.StartAsync(CancellationToken.None);
        }
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, CapturingLoggerProvider? logs = null) =>
        Services(settings, logs).BuildServiceProvider();

    private static ServiceCollection Services(Dictionary<string, string?> settings, CapturingLoggerProvider? logs)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging(b =>
        {
            if (logs is not null)
            {
                b.AddProvider(logs);
            }
        });
        var store = new InMemoryChatStore();
        services.AddSingleton<IChatStore>(store);
        services.AddSingleton<IUserDataStore>(store);
        services.AddSingleton<IProfileStore, InMemoryProfileStore>();
        services.AddSingleton<ITypingStore, InMemoryTypingStore>();
        services.AddSingleton<IPresenceStore, InMemoryPresenceStore>();
        services.AddSingleton<IAttachmentStore, InMemoryAttachmentStore>();
        services.AddSingleton<IEventStateStore, InMemoryEventStateStore>();
        services.AddChatCore();
        services.AddChatEvents();
        services.AddSingleton<NotificationSweeperProbe>();
        return services;
    }

    /// <summary>Shows which <see cref="IOnlineStatus"/> the sweep's container resolves.</summary>
    private sealed class NotificationSweeperProbe(IOnlineStatus online)
    {
        public IOnlineStatus Online { get; } = online;
    }

    private sealed record Entry(string Category, LogLevel Level, string Message);

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<Entry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Entries.Enqueue(new Entry(category, logLevel, formatter(state, exception)));
        }
    }
}
