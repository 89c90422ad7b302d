using System.Globalization;
using Chat.Shared.Auth;

namespace Chat.Tests.EndToEnd;

/// <summary>
/// Where the running app is and how to mint its development tokens, from environment variables. The token settings
/// are the app's own <c>Chat:Auth</c> development settings (for the local stack: Chat.Functions/local.settings.json).
/// </summary>
public sealed record EndToEndSettings(Uri ApiBase, DevTokenSettings Tokens, TimeSpan EventTimeout, TimeSpan TypingTimeout, TimeSpan PresenceTimeout)
{
    public const string BaseUrlVariable = "CHAT_E2E_BASE_URL";
    public const string SigningKeyVariable = "CHAT_E2E_SIGNING_KEY";
    public const string IssuerVariable = "CHAT_E2E_ISSUER";
    public const string AudienceVariable = "CHAT_E2E_AUDIENCE";
    public const string UserIdClaimVariable = "CHAT_E2E_USER_ID_CLAIM";
    public const string NameClaimVariable = "CHAT_E2E_NAME_CLAIM";
    public const string TypingWaitVariable = "CHAT_E2E_TYPING_WAIT_SECONDS";
    public const string PresenceWaitVariable = "CHAT_E2E_PRESENCE_WAIT_SECONDS";

    private static readonly string[] Required = [BaseUrlVariable, SigningKeyVariable, IssuerVariable, AudienceVariable];

    /// <summary>Why the suite cannot run here, or null when every required variable is set.</summary>
    public static string? SkipReason
    {
        get
        {
            var missing = Required.Where(v => Value(v) is null).ToList();
            return missing.Count == 0
                ? null
                : $"{string.Join(", ", missing)} not set: the end-to-end suite drives a running app (scripts/start-local.sh); set "
                  + $"{BaseUrlVariable} to its URL (http://localhost:7071) and {SigningKeyVariable}, {IssuerVariable}, {AudienceVariable} to its "
                  + "Chat:Auth:DevSigningKey, Issuer and Audience (README, 'End-to-end tests').";
        }
    }

    /// <summary>The settings; throws when a variable is set to something unusable (a misconfigured run fails, it is not skipped).</summary>
    public static EndToEndSettings Load()
    {
        var baseUrl = Value(BaseUrlVariable) ?? throw new InvalidOperationException($"{BaseUrlVariable} is not set.");
        if (!Uri.TryCreate(baseUrl.TrimEnd('/'), UriKind.Absolute, out var root) || (root.Scheme != Uri.UriSchemeHttp && root.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException($"{BaseUrlVariable} must be the app's http(s) URL, for example http://localhost:7071.");
        }

        // Accept the app's root or its /api base; requests and the SignalR client use the /api base.
        var api = root.AbsolutePath.EndsWith("/api", StringComparison.Ordinal) ? root : new Uri(root.AbsoluteUri.TrimEnd('/') + "/api");
        var tokens = new DevTokenSettings(
            Value(SigningKeyVariable)!,
            Value(IssuerVariable)!,
            Value(AudienceVariable)!,
            Value(UserIdClaimVariable) ?? "sub",
            Value(NameClaimVariable) ?? "name");
        var typingWait = Value(TypingWaitVariable) is { } seconds
            ? TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture))
            : TimeSpan.FromSeconds(45);
        // The app's Chat:Presence:OfflineGrace (15 s) plus the presence sweep schedule (10 s) plus slack.
        var presenceWait = Value(PresenceWaitVariable) is { } presenceSeconds
            ? TimeSpan.FromSeconds(double.Parse(presenceSeconds, CultureInfo.InvariantCulture))
            : TimeSpan.FromSeconds(60);
        return new EndToEndSettings(new Uri(api.AbsoluteUri.TrimEnd('/') + "/"), tokens, TimeSpan.FromSeconds(20), typingWait, presenceWait);
    }

    private static string? Value(string variable) => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value.Trim() : null;
}

/// <summary>A fact of the end-to-end suite: skipped, with the reason, unless a running app and its token settings are configured.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class EndToEndFactAttribute : FactAttribute
{
    public EndToEndFactAttribute()
    {
        if (EndToEndSettings.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
