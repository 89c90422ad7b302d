using Chat.Shared.Domain;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Chat.Shared.Application;

public static class ChatServiceCollectionExtensions
{
    /// <summary>
    /// The chat core: options from the <c>Chat</c> section (validated at start-up), the system clock, id
    /// generation and the services. The host adds the stores (Cosmos DB, Blob Storage) itself; the server API's services
    /// also need <see cref="Storage.IProfileStore"/> and <see cref="Storage.IUserDataStore"/>.
    /// </summary>
    public static IServiceCollection AddChatCore(this IServiceCollection services)
    {
        services.AddOptions<ChatOptions>()
            .BindConfiguration(ChatOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChatOptions>, ChatOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IIdGenerator, RandomIdGenerator>();
        services.TryAddSingleton<ConcurrencyBackoff>();
        services.AddSingleton<ChatDependencies>();
        services.AddSingleton<Views>();
        services.AddSingleton<ConversationService>();
        services.AddSingleton<AttachmentService>();
        services.AddSingleton<MessageService>();
        services.AddSingleton<ReceiptService>();
        services.AddSingleton<TypingService>();
        services.AddSingleton<TypingSweeper>();
        services.AddSingleton<AbandonedUploadSweeper>();
        services.AddSingleton<ConversationListProjector>();
        services.AddSingleton<SyncService>();
        services.AddSingleton<MembershipService>();
        services.AddSingleton<PresenceService>();
        services.TryAddSingleton<IOnlineStatus>(sp => sp.GetRequiredService<PresenceService>());
        services.AddSingleton<PresenceSweeper>();
        services.AddSingleton<ProfileService>();
        services.AddSingleton<UserService>();
        services.AddSingleton<ServerConversationService>();
        services.AddSingleton<ErasureService>();
        services.AddSingleton<ErasureSweeper>();
        services.AddSingleton<ExportService>();
        services.AddSingleton<ProfileProjector>();
        services.AddSingleton<MemberProfileFill>();
        return services;
    }
}
