using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Chat.Shared.Domain;

/// <summary>
/// Page cursors. A history cursor is a message's <c>sequence</c> as a decimal string, so a client that
/// reconnects can catch up with <c>after=&lt;last sequence it has&gt;</c>. A conversation-list cursor is opaque.
/// Anything else is rejected with <c>request.invalid_cursor</c>.
/// </summary>
public static class Cursors
{
    private const string ConversationPrefix = "c1:";

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
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            $"{ConversationPrefix}{position.LastActivityAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{position.ConversationId}"));

    public static ConversationListPosition ParseConversation(string cursor, string field)
    {
        var text = Decode(cursor, field);
        var separator = text.IndexOf('|', StringComparison.Ordinal);
        if (!text.StartsWith(ConversationPrefix, StringComparison.Ordinal) || separator < 0
            || !long.TryParse(text.AsSpan(ConversationPrefix.Length, separator - ConversationPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw Invalid(field);
        }

        var conversationId = text[(separator + 1)..];
        if (!ChatIds.IsValidResourceId(conversationId))
        {
            throw Invalid(field);
        }

        return new ConversationListPosition(new DateTimeOffset(ticks, TimeSpan.Zero), conversationId);
    }

    private static string Decode(string cursor, string field)
    {
        if (cursor.Length is 0 or > 200 || !Base64Url.IsValid(cursor))
        {
            throw Invalid(field);
        }

        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            throw Invalid(field);
        }
    }

    private static ChatException Invalid(string field) =>
        ChatException.Validation(ErrorCodes.InvalidCursor, field, "The cursor is not valid.");
}

/// <summary>A position in a user's conversation list (most recent activity first).</summary>
public sealed record ConversationListPosition(DateTimeOffset LastActivityAt, string ConversationId);
