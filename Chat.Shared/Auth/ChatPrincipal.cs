using System.Security.Claims;
using Chat.Shared.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Chat.Shared.Auth;

/// <summary>The caller as the chat core sees it, read from a validated principal with the configured claims.</summary>
public static class ChatPrincipal
{
    public const int MaxDisplayNameLength = 100;

    /// <summary>The claim that carries app roles (Microsoft Entra ID and the development tokens alike).</summary>
    public const string RolesClaim = "roles";

    /// <summary>
    /// The user, or null when the principal is not authenticated, has no usable user-id claim, or is the server
    /// principal (a server token never acts as a user, whatever its <c>sub</c>).
    /// </summary>
    public static ChatUser? ToUser(ClaimsPrincipal? principal, ChatAuthOptions options)
    {
        if (principal?.Identity?.IsAuthenticated != true || IsServer(principal, options))
        {
            return null;
        }

        var id = principal.FindFirst(options.UserIdClaim)?.Value;
        if (!ChatIds.IsValidUserId(id))
        {
            return null;
        }

        var name = principal.FindFirst(options.NameClaim)?.Value?.Trim();
        var usableName = name is { Length: > 0 and <= MaxDisplayNameLength } && !name.Any(char.IsControl) ? name : null;
        return new ChatUser(id!, usableName);
    }

    /// <summary>
    /// True when the authenticated principal carries the server role (<see cref="ChatAuthOptions.ServerRole"/>) in its
    /// <c>roles</c> claim: the app's backend, allowed on the server routes only.
    /// </summary>
    public static bool IsServer(ClaimsPrincipal? principal, ChatAuthOptions options) =>
        principal?.Identity?.IsAuthenticated == true
        && principal.Claims.Any(c => c.Type == RolesClaim && string.Equals(c.Value, options.ServerRole, StringComparison.Ordinal));
}

/// <summary>Who called: nobody authenticated, a chat user, or the server principal.</summary>
public enum CallerKind { None, User, Server }

/// <summary>Reads the caller of a request from <see cref="HttpContext.User"/>, which the authentication step set.</summary>
public sealed class CallerAccessor(IOptions<ChatAuthOptions> options)
{
    public ChatUser? GetCaller(HttpContext context) => ChatPrincipal.ToUser(context.User, options.Value);

    public CallerKind KindOf(HttpContext context) =>
        ChatPrincipal.IsServer(context.User, options.Value) ? CallerKind.Server
        : GetCaller(context) is not null ? CallerKind.User
        : CallerKind.None;
}
