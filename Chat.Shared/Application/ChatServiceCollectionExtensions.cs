using Chat.Shared.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Chat.Shared.Application;

public static class ChatServiceCollectionExtensions
{
    /// <summary>
    /// The chat core: options from the <c>Chat</c> section (validated at start-up), the system clock, id
    /// generation and the services. The host adds the stores (Cosmos DB, Blob Storage) itself.
    /// </summary>
    public static IServiceCollection AddChatCore(this IServiceCollection services)
    {
        services.AddOptions<ChatOptions>()
            .BindConfiguration(ChatOptions.SectionName)
            .Validate(ChatOptionsValidation.IsValid, ChatOptionsValidation.Message)
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IIdGenerator, RandomIdGenerator>();
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
        return services;
    }
}

internal static class ChatOptionsValidation
{
    public const string Message =
        "Chat options are out of range: limits must be positive, MaxPageSize >= DefaultPageSize, windows and timeouts positive, 0 <= TypingEventInterval < TypingTimeout.";

    public static bool IsValid(ChatOptions o) =>
        o.MaxContentLength > 0 && o.MaxTitleLength > 0 && o.MaxParticipants >= 2 && o.MaxMetadataKeys >= 0
        && o.MaxMetadataKeyLength > 0 && o.MaxMetadataValueLength > 0 && o.MaxAttachmentsPerMessage > 0
        && o.DefaultPageSize > 0 && o.MaxPageSize >= o.DefaultPageSize && o.MaxUploadBytes > 0 && o.MaxMultipartBytes > 0
        && o.MaxFileNameLength >= 16 && o.EditWindow >= TimeSpan.Zero && o.DeleteWindow >= TimeSpan.Zero
        && o.TypingTimeout > TimeSpan.Zero && o.TypingEventInterval >= TimeSpan.Zero && o.TypingEventInterval < o.TypingTimeout
        && o.TypingSweepClaim > TimeSpan.Zero && o.TypingSweepBatchSize > 0
        && o.UploadUrlLifetime > TimeSpan.Zero && o.AbandonedUploadGrace >= TimeSpan.Zero
        && o.PendingUploadLifetime > o.AbandonedUploadGrace && o.UploadSweepBatchSize > 0 && o.ReadUrlLifetime > TimeSpan.Zero && o.MaxConcurrencyRetries > 0
        && !string.IsNullOrWhiteSpace(o.AllowedContentTypes);
}
