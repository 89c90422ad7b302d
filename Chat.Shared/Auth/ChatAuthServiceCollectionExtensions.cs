using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Chat.Shared.Auth;

public static class ChatAuthServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="ChatAuthOptions"/> from <c>Chat:Auth</c> (validated at start-up), the token validator, the caller
    /// accessor and, with an authority, one cached, self-refreshing OpenID Connect configuration manager.
    /// </summary>
    public static IServiceCollection AddChatAuth(this IServiceCollection services)
    {
        services.AddOptions<ChatAuthOptions>().BindConfiguration(ChatAuthOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChatAuthOptions>, ChatAuthOptionsValidator>());
        services.TryAddSingleton<IConfigurationManager<OpenIdConnectConfiguration>>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ChatAuthOptions>>().Value;
            var metadata = options.Authority!.TrimEnd('/') + "/.well-known/openid-configuration";
            return new ConfigurationManager<OpenIdConnectConfiguration>(
                metadata, new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever { RequireHttps = options.RequireHttpsMetadata });
        });
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ChatAuthOptions>>();
            return new ChatTokenValidator(
                options,
                sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ChatTokenValidator>>(),
                options.Value.UsesDevelopmentKey ? null : sp.GetRequiredService<IConfigurationManager<OpenIdConnectConfiguration>>());
        });
        services.TryAddSingleton<CallerAccessor>();
        return services;
    }

    /// <summary>
    /// For ASP.NET Core hosts (the test host; Chat.Functions uses a worker middleware instead): every request is
    /// authenticated by <see cref="ChatTokenValidator"/> before any endpoint runs, or answered with 401.
    /// </summary>
    public static IApplicationBuilder UseChatAuthentication(this IApplicationBuilder app) =>
        app.Use(async (HttpContext context, RequestDelegate next) =>
        {
            var validator = context.RequestServices.GetRequiredService<ChatTokenValidator>();
            if (await validator.AuthenticateOrChallengeAsync(context))
            {
                await next(context);
            }
        });
}
