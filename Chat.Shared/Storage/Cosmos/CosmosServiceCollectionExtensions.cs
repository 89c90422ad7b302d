using Chat.Shared.Domain;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Chat.Shared.Storage.Cosmos;

public static class CosmosServiceCollectionExtensions
{
    /// <summary>
    /// The Cosmos DB stores: one <see cref="CosmosClient"/> singleton (see <see cref="CosmosClientFactory"/>), the
    /// containers of <see cref="CosmosSettings.DatabaseName"/>, and <see cref="IChatStore"/> / <see cref="ITypingStore"/> /
    /// <see cref="IPresenceStore"/> / <see cref="IProfileStore"/> / <see cref="IUserDataStore"/> / <see cref="IEventStateStore"/>.
    /// Settings from <c>Chat:Cosmos</c> (validated at start-up); the connection from the setting it names (<c>CosmosDb</c>).
    /// </summary>
    public static IServiceCollection AddChatCosmos(this IServiceCollection services)
    {
        services.AddOptions<CosmosSettings>().BindConfiguration(CosmosSettings.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CosmosSettings>, CosmosSettingsValidator>());
        services.AddOptions<ChatOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => CosmosClientFactory.Create(
            sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<IOptions<CosmosSettings>>().Value,
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        services.TryAddSingleton(sp => CosmosContainers.For(
            sp.GetRequiredService<CosmosClient>(),
            sp.GetRequiredService<IOptions<CosmosSettings>>().Value.DatabaseName));
        services.TryAddSingleton<CosmosChatStore>();
        services.TryAddSingleton<CosmosTypingStore>();
        services.TryAddSingleton<CosmosPresenceStore>();
        services.TryAddSingleton<ConversationChangeFeed>();
        services.TryAddSingleton<CosmosProfileStore>();
        services.TryAddSingleton<CosmosUserDataStore>();
        services.TryAddSingleton<ProfileChangeFeed>();
        services.TryAddSingleton<IProfileStore>(sp => sp.GetRequiredService<CosmosProfileStore>());
        services.TryAddSingleton<IUserDataStore>(sp => sp.GetRequiredService<CosmosUserDataStore>());
        services.TryAddSingleton<IChatStore>(sp => sp.GetRequiredService<CosmosChatStore>());
        services.TryAddSingleton<ITypingStore>(sp => sp.GetRequiredService<CosmosTypingStore>());
        services.TryAddSingleton<IPresenceStore>(sp => sp.GetRequiredService<CosmosPresenceStore>());
        services.TryAddSingleton<IEventStateStore, CosmosEventStateStore>();
        return services;
    }
}
