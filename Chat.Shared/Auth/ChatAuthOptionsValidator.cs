using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Chat.Shared.Auth;

/// <summary>
/// Start-up checks of <see cref="ChatAuthOptions"/>. The development key path refuses to start with an authority,
/// outside the Development environment, or in Azure App Service / Functions (<c>WEBSITE_INSTANCE_ID</c> or
/// <c>WEBSITE_SITE_NAME</c> set).
/// </summary>
public sealed class ChatAuthOptionsValidator(IHostEnvironment environment, Func<string, string?>? getEnvironmentVariable = null)
    : IValidateOptions<ChatAuthOptions>
{
    public static readonly string[] AzureMarkers = ["WEBSITE_INSTANCE_ID", "WEBSITE_SITE_NAME"];

    private readonly Func<string, string?> _getVariable = getEnvironmentVariable ?? Environment.GetEnvironmentVariable;

    public ValidateOptionsResult Validate(string? name, ChatAuthOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add("Chat:Auth:Audience is required.");
        }

        if (string.IsNullOrWhiteSpace(options.UserIdClaim) || string.IsNullOrWhiteSpace(options.NameClaim))
        {
            failures.Add("Chat:Auth:UserIdClaim and Chat:Auth:NameClaim must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.ServerRole))
        {
            failures.Add("Chat:Auth:ServerRole must not be empty.");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(5))
        {
            failures.Add("Chat:Auth:ClockSkew is between 0 and 5 minutes.");
        }

        if (options.MaxTokenLifetime <= TimeSpan.Zero)
        {
            failures.Add("Chat:Auth:MaxTokenLifetime must be positive.");
        }

        var hasAuthority = !string.IsNullOrWhiteSpace(options.Authority);
        switch (hasAuthority, options.UsesDevelopmentKey)
        {
            case (true, true):
                failures.Add("Chat:Auth:DevSigningKey is refused when Chat:Auth:Authority is configured: remove the development key.");
                break;
            case (false, false):
                failures.Add("Configure Chat:Auth:Authority (production) or Chat:Auth:DevSigningKey (local development only).");
                break;
            case (true, false):
                CheckAuthority(options, failures);
                break;
            default:
                CheckDevelopmentKey(options, failures);
                break;
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckAuthority(ChatAuthOptions options, List<string> failures)
    {
        if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority)
            || (authority.Scheme != Uri.UriSchemeHttps && (options.RequireHttpsMetadata || authority.Scheme != Uri.UriSchemeHttp)))
        {
            failures.Add("Chat:Auth:Authority must be an absolute https URL.");
        }
    }

    private void CheckDevelopmentKey(ChatAuthOptions options, List<string> failures)
    {
        if (!environment.IsDevelopment())
        {
            failures.Add($"Chat:Auth:DevSigningKey is refused outside the Development environment (this is '{environment.EnvironmentName}').");
        }

        foreach (var marker in AzureMarkers.Where(m => !string.IsNullOrEmpty(_getVariable(m))))
        {
            failures.Add($"Chat:Auth:DevSigningKey is refused when running in Azure ({marker} is set).");
        }

        if (ChatAuthOptions.DecodeKey(options.DevSigningKey) is not { Length: >= ChatAuthOptions.MinDevKeyBytes })
        {
            failures.Add($"Chat:Auth:DevSigningKey must be base64 of at least {ChatAuthOptions.MinDevKeyBytes} bytes.");
        }

        if (options.AcceptedIssuers().Count == 0)
        {
            failures.Add("Chat:Auth:Issuer is required with a development key.");
        }
    }
}
