using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Chat.Shared.Domain;

/// <summary>Shapes and derivations of ids. Ids are opaque to clients; the server checks their shape before any I/O.</summary>
public static partial class ChatIds
{
    public const int MaxUserIdLength = 128;

    /// <summary>
    /// Conversation, message and attachment ids: URL-safe, at most 64 characters. The pattern is anchored with
    /// <c>\A</c> and <c>\z</c>: in .NET <c>$</c> also matches before a final <c>\n</c>, so <c>"m_1\n"</c> would pass.
    /// </summary>
    public static bool IsValidResourceId(string? id) => id is not null && ResourceIdPattern().IsMatch(id);

    /// <summary>User ids come from tokens (sub, oid, auth0|...): printable, no path or query characters.</summary>
    public static bool IsValidUserId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxUserIdLength && id.All(c => c > ' ' && c < 0x7f && c is not ('/' or '\\' or '?' or '#'));

    /// <summary>The one conversation id a pair of users always gets, whoever creates it.</summary>
    public static string DirectConversationId(string userA, string userB)
    {
        var (first, second) = string.CompareOrdinal(userA, userB) <= 0 ? (userA, userB) : (userB, userA);
        return "d_" + Hash(first, second);
    }

    /// <summary>The message id of a send with a client message id, so a retry collides with the stored message.</summary>
    public static string IdempotentMessageId(string conversationId, string senderId, string clientMessageId) =>
        "c_" + Hash(conversationId, senderId, clientMessageId);

    /// <summary>The group a caller's keyed create always gets: the same caller and key, the same conversation.</summary>
    public static string KeyedConversationId(string creatorId, string key) => "k_" + Hash("key", creatorId, key);

    /// <summary>
    /// The conversation a server key always names (<c>POST /api/server/conversations</c>): the key is global in the
    /// server's namespace (<c>order-123</c> is one conversation whoever its members are), and a different hash domain
    /// and prefix than the user-scoped <see cref="KeyedConversationId"/>, so the two never meet.
    /// </summary>
    public static string ServerKeyedConversationId(string key) => "s_" + Hash("server-key", key);

    /// <summary>
    /// The attachment id of the file of a multipart send with a client message id, so concurrent retries of that send
    /// store one blob and one reservation between them.
    /// </summary>
    public static string IdempotentAttachmentId(string messageId) => "a_" + Hash("file", messageId);

    /// <summary>SHA-256 over the length-prefixed parts, so no two different lists of parts share an input.</summary>
    private static string Hash(params string[] parts)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(parts.Select(p => $"{p.Length}:{p};"))));
        return Base64Url.EncodeToString(digest.AsSpan(0, 24));
    }

    [GeneratedRegex(@"\A[A-Za-z0-9_-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ResourceIdPattern();
}

/// <summary>Makes new random ids for conversations, messages and attachments.</summary>
public interface IIdGenerator
{
    string NewId(string prefix);
}

/// <summary>Time-ordered random ids (UUID v7), URL-safe.</summary>
public sealed class RandomIdGenerator(TimeProvider clock) : IIdGenerator
{
    public string NewId(string prefix) => prefix + Guid.CreateVersion7(clock.GetUtcNow()).ToString("N");
}
