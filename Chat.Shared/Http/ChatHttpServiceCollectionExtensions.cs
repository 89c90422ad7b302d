using Chat.Shared.Application;
using Chat.Shared.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Chat.Shared.Http;

public static class ChatHttpServiceCollectionExtensions
{
    /// <summary>
    /// Everything both hosts (Chat.Functions and the test host) compose for the HTTP API: the chat core
    /// (<see cref="ChatServiceCollectionExtensions.AddChatCore"/>), authentication
    /// (<see cref="ChatAuthServiceCollectionExtensions.AddChatAuth"/>) and the handlers. The host adds the stores.
    /// </summary>
    public static IServiceCollection AddChatHttp(this IServiceCollection services)
    {
        services.AddChatCore();
        services.AddChatAuth();
        services.TryAddSingleton<ChatHttpPipeline>();
        services.TryAddSingleton<ConversationsApi>();
        services.TryAddSingleton<MessagesApi>();
        services.TryAddSingleton<ReceiptsApi>();
        services.TryAddSingleton<TypingApi>();
        services.TryAddSingleton<AttachmentsApi>();
        services.TryAddSingleton<SyncApi>();
        services.TryAddSingleton<MembershipApi>();
        services.TryAddSingleton<NegotiateApi>();
        return services;
    }
}
