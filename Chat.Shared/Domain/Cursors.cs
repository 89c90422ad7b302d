using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Chat.Shared.Domain;

/// <summary>
/// Page cursors and sync tokens. A history cursor is a message's <c>sequence</c> as a decimal string. Every other
/// cursor and token is opaque: its fields, a kind tag and a checksum, base64url-encoded, so a token that was cut,
/// edited or made up is refused with <c>request.invalid_cursor</c> before any I/O. Tokens are not secret and grant
/// nothing: the checksum catches damage and tampering, and each token is checked against the conversation or user it
/// was issued for.
/// </summary>
public static class Cursors
{
    private const int ChecksumBytes = 8;
    private const int MaxTokenLength = 400;

    public static string ForSequence(long sequence) => sequence.ToString(CultureInfo.InvariantCulture);

    public static long ParseSequence(string cursor, string field)
    {
        if (cursor.Length is 0 or > 18 || !cursor.All(char.IsAsciiDigit)
            || !long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            throw Invalid(field);
        }

        return sequence;
    }

    public static string ForConversation(ConversationListPosition position) =>
        Encode("list1", Ticks(position.LastActivityAt), position.ConversationId);

    public static ConversationListPosition ParseConversation(string cursor, string field)
    {
        var parts = Decode(cursor, "list1", 2, field);
        return new ConversationListPosition(ParseTime(parts[0], field), ParseResourceId(parts[1], field));
    }

    /// <summary>A <c>changes</c> token: everything of the conversation after change <paramref name="position"/>.</summary>
    public static string ForChanges(ChangesToken token) =>
        Encode("changes1", token.ConversationId, token.Position.ToString(CultureInfo.InvariantCulture), Ticks(token.IssuedAt));

    public static ChangesToken ParseChanges(string token, string conversationId, string field)
    {
        var parts = Decode(token, "changes1", 3, field);
        if (parts[0] != conversationId
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var position))
        {
            throw Invalid(field);
        }

        return new ChangesToken(conversationId, position, ParseTime(parts[2], field));
    }

    /// <summary>A <c>sync</c> token: the caller's list entries after a position in their sync order.</summary>
    public static string ForSync(SyncToken token) =>
        Encode("sync1", token.UserId, Ticks(token.After.SyncAt), token.After.ConversationId, Ticks(token.IssuedAt));

    public static SyncToken ParseSync(string token, string userId, string field)
    {
        var parts = Decode(token, "sync1", 4, field);
        if (parts[0] != userId || (parts[2].Length > 0 && !ChatIds.IsValidResourceId(parts[2])))
        {
            throw Invalid(field);
        }

        return new SyncToken(userId, new SyncPosition(ParseTime(parts[1], field), parts[2]), ParseTime(parts[3], field));
    }

    /// <summary>A directory page cursor: the last entry of the page, bound to the normalised prefix it searched.</summary>
    public static string ForDirectory(DirectoryPosition position) =>
        Encode("dir1", Opaque(position.Prefix), Opaque(position.Name), Opaque(position.UserId));

    public static DirectoryPosition ParseDirectory(string cursor, string prefix, string field)
    {
        var parts = Decode(cursor, "dir1", 3, field);
        var (cursorPrefix, name, userId) = (FromOpaque(parts[0], field), FromOpaque(parts[1], field), FromOpaque(parts[2], field));
        return cursorPrefix == prefix && ChatIds.IsValidUserId(userId) ? new DirectoryPosition(prefix, name, userId) : throw Invalid(field);
    }

    /// <summary>An export page cursor: where in the user's data the next page starts.</summary>
    public static string ForExport(ExportPosition position) =>
        Encode("export1", Opaque(position.UserId), position.Phase, position.ConversationId ?? string.Empty, position.Stage, position.After.ToString(CultureInfo.InvariantCulture));

    public static ExportPosition ParseExport(string cursor, string userId, string field)
    {
        var parts = Decode(cursor, "export1", 5, field);
        if (FromOpaque(parts[0], field) != userId || (parts[2].Length > 0 && !ChatIds.IsValidResourceId(parts[2]))
            || !long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var after))
        {
            throw Invalid(field);
        }

        return new ExportPosition(userId, parts[1], parts[2].Length == 0 ? null : parts[2], parts[3], after);
    }

    /// <summary>A field that may contain the separator (user ids may hold <c>|</c>, as in <c>auth0|123</c>).</summary>
    private static string Opaque(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    private static string FromOpaque(string text, string field)
    {
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
        }
        catch (FormatException)
        {
            throw Invalid(field);
        }
    }

    private static string Encode(string kind, params string[] fields)
    {
        // Fields are escaped, so a separator inside one (a user id such as "auth0|123") cannot split it.
        var payload = Encoding.UTF8.GetBytes(string.Join('|', fields.Select(Uri.EscapeDataString)));
        var token = new byte[ChecksumBytes + payload.Length];
        Checksum(kind, payload).CopyTo(token.AsSpan());
        payload.CopyTo(token.AsSpan(ChecksumBytes));
        return Base64Url.EncodeToString(token);
    }

    private static string[] Decode(string token, string kind, int fieldCount, string field)
    {
        if (token.Length is 0 or > MaxTokenLength || !Base64Url.IsValid(token))
        {
            throw Invalid(field);
        }

        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException)
        {
            throw Invalid(field);
        }

        if (bytes.Length <= ChecksumBytes
            || !CryptographicOperations.FixedTimeEquals(bytes.AsSpan(0, ChecksumBytes), Checksum(kind, bytes.AsSpan(ChecksumBytes))))
        {
            throw Invalid(field);
        }

        var parts = Encoding.UTF8.GetString(bytes, ChecksumBytes, bytes.Length - ChecksumBytes).Split('|');
        return parts.Length == fieldCount ? parts.Select(Uri.UnescapeDataString).ToArray() : throw Invalid(field);
    }

    private static byte[] Checksum(string kind, ReadOnlySpan<byte> payload)
    {
        var prefix = Encoding.UTF8.GetBytes("funcchat:" + kind + ":");
        var input = new byte[prefix.Length + payload.Length];
        prefix.CopyTo(input.AsSpan());
        payload.CopyTo(input.AsSpan(prefix.Length));
        return SHA256.HashData(input).AsSpan(0, ChecksumBytes).ToArray();
    }

    private static string Ticks(DateTimeOffset time) => time.UtcTicks.ToString(CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string ticks, string field) =>
        long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= DateTimeOffset.MaxValue.UtcTicks
            ? new DateTimeOffset(value, TimeSpan.Zero)
            : throw Invalid(field);

    private static string ParseResourceId(string id, string field) => ChatIds.IsValidResourceId(id) ? id : throw Invalid(field);

    private static ChatException Invalid(string field) =>
        ChatException.Validation(ErrorCodes.InvalidCursor, field, "The cursor is not valid.");
}

/// <summary>A position in a user's conversation list (most recent activity first).</summary>
public sealed record ConversationListPosition(DateTimeOffset LastActivityAt, string ConversationId);

/// <summary>What a <c>changes</c> token says: the conversation, the change position the client has, and when it was issued.</summary>
public sealed record ChangesToken(string ConversationId, long Position, DateTimeOffset IssuedAt);

/// <summary>What a <c>sync</c> token says: the user, the position in their sync order, and when it was issued.</summary>
public sealed record SyncToken(string UserId, SyncPosition After, DateTimeOffset IssuedAt);

/// <summary>A position in a user's <c>sync</c> order: entries after (<see cref="SyncAt"/>, <see cref="ConversationId"/>).</summary>
public sealed record SyncPosition(DateTimeOffset SyncAt, string ConversationId);

/// <summary>A position in a directory search: after (<see cref="Name"/>, <see cref="UserId"/>) among names starting with <see cref="Prefix"/>.</summary>
public sealed record DirectoryPosition(string Prefix, string Name, string UserId);

/// <summary>A position in a user's export: a phase, the conversation it is in, a stage of it, and a position within.</summary>
public sealed record ExportPosition(string UserId, string Phase, string? ConversationId, string Stage, long After);
