using Chat.Shared.Application;
using Chat.Shared.Domain;
using Chat.Shared.Storage;
using Chat.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
        Assert.NotNull(provider.GetRequiredService<MessageService>());
        Assert.NotNull(provider.GetRequiredService<TypingSweeper>());
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

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IChatStore, InMemoryChatStore>();
        services.AddSingleton<ITypingStore, InMemoryTypingStore>();
        services.AddSingleton<IPresenceStore>(new InMemoryPresenceStore());
        services.AddSingleton<IAttachmentStore, InMemoryAttachmentStore>();
        services.AddChatCore();
        return services.BuildServiceProvider();
    }
}
