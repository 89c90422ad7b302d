using Chat.Shared.Application;
using System.IO.Compression;
using Chat.Shared.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Chat.Shared.Http;

public static class ChatHttpServiceCollectionExtensions
{
    /// <summary>
    /// Everything both hosts (Chat.Functions and the test host) compose for the HTTP API: the chat core
    /// (<see cref="ChatServiceCollectionExtensions.AddChatCore"/>), authentication
    /// (<see cref="ChatAuthServiceCollectionExtensions.AddChatAuth"/>), the response compression negotiation
    /// <see cref="ChatResponse"/> uses, and the handlers. The host adds the stores.
    /// </summary>
    public static IServiceCollection AddChatHttp(this IServiceCollection services)
    {
        services.AddChatCore();
        services.AddChatAuth();
        services.AddResponseCompression(options =>
        {
            // Compressed answers over HTTPS are safe here: see docs/architecture.md (compression and BREACH).
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ChatResponse.CompressedMimeTypes;
        });
        // Optimal, not Fastest: about 0.2 ms for a 22 KB page, against a third more bytes for gzip's fastest level
        // (measured in docs/performance.md#bytes-on-the-wire); many Android clients (OkHttp) ask for gzip only.
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        services.TryAddSingleton<ChatHttpPipeline>();
        services.TryAddSingleton<ConversationsApi>();
        services.TryAddSingleton<MessagesApi>();
        services.TryAddSingleton<ReceiptsApi>();
        services.TryAddSingleton<TypingApi>();
        services.TryAddSingleton<AttachmentsApi>();
        services.TryAddSingleton<SyncApi>();
        services.TryAddSingleton<MembershipApi>();
        services.TryAddSingleton<PresenceApi>();
        services.TryAddSingleton<NegotiateApi>();
        services.TryAddSingleton<UsersApi>();
        services.TryAddSingleton<ServerUsersApi>();
        services.TryAddSingleton<ServerConversationsApi>();
        services.TryAddSingleton<UnmatchedRouteApi>();
        return services;
    }
}
