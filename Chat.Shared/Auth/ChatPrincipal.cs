using System.Security.Claims;
using Chat.Shared.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Chat.Shared.Auth;

/// <summary>The caller as the chat core sees it, read from a validated principal with the configured claims.</summary>
public static class ChatPrincipal
{
    public const int MaxDisplayNameLength = 100;

    /// <summary>The user, or null when the principal is not authenticated or has no usable user-id claim.</summary>
    public static ChatUser? ToUser(ClaimsPrincipal? principal, ChatAuthOptions options)
    {
        if (principal?.Identity?.IsAuthenticated != true)
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
}

/// <summary>Reads the caller of a request from <see cref="HttpContext.User"/>, which the authentication step set.</summary>
public sealed class CallerAccessor(IOptions<ChatAuthOptions> options)
{
    public ChatUser? GetCaller(HttpContext context) => ChatPrincipal.ToUser(context.User, options.Value);
}
