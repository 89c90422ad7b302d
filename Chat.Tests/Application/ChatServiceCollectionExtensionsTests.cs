using Chat.Shared.Application;
using Chat.Shared.Domain;
using Chat.Shared.Storage;
using Chat.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Tests.Application;

public class ChatServiceCollectionExtensionsTests
{
    [Fact]
    public void AddChatCore_BindsLimitsFromTheChatSection()
    {
        using var provider = Build(new() { ["Chat:MaxContentLength"] = "123", ["Chat:TypingTimeout"] = "00:00:07" });

        var options = provider.GetRequiredService<IOptions<ChatOptions>>().Value;

        Assert.Equal(123, options.MaxContentLength);
        Assert.Equal(TimeSpan.FromSeconds(7), options.TypingTimeout);
    }

    [Fact]
    public void AddChatCore_WithItsPorts_CanConstructEveryServiceItRegisters()
    {
        var services = Services([]);

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.IsType<MessageService>(provider.GetRequiredService<MessageService>());
    }

    [Fact]
    public void AddChatCore_WithoutAPort_FailsAtBuild_NamingIt()
    {
        var services = Services([]);
        services.RemoveAll<IChatStore>();

        var error = Assert.Throws<AggregateException>(
            () => services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }));

        Assert.Contains(typeof(IChatStore).FullName!, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Chat:MaxPageSize", "10")]
    [InlineData("Chat:MaxContentLength", "0")]
    [InlineData("Chat:TypingTimeout", "00:00:00")]
    [InlineData("Chat:MaxParticipants", "1")]
    public void AddChatCore_RejectsOutOfRangeSettings(string key, string value)
    {
        using var provider = Build(new() { [key] = value });

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ChatOptions>>().Value);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) => Services(settings).BuildServiceProvider();

    private static ServiceCollection Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        var store = new InMemoryChatStore();
        services.AddSingleton<IChatStore>(store);
        services.AddSingleton<IUserDataStore>(store);
        services.AddSingleton<IProfileStore, InMemoryProfileStore>();
        services.AddSingleton<ITypingStore, InMemoryTypingStore>();
        services.AddSingleton<IPresenceStore>(new InMemoryPresenceStore());
        services.AddSingleton<IAttachmentStore, InMemoryAttachmentStore>();
        services.AddSingleton<IEventStateStore, InMemoryEventStateStore>();
        services.AddChatCore();
        return services;
    }
}
