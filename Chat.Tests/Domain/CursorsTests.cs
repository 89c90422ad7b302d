using Chat.Shared.Domain;

namespace Chat.Tests.Domain;

public class CursorsTests
{
    [Fact]
    public void Sequence_RoundTrips()
    {
        Assert.Equal(42, Cursors.ParseSequence(Cursors.ForSequence(42), "before"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("+1")]
    [InlineData(" 1")]
    [InlineData("١")]
    [InlineData("1e3")]
    [InlineData("9999999999999999999")]
    [InlineData("5\n")]
    public void ParseSequence_RejectsAnythingButPlainDigits(string cursor)
    {
        var error = Assert.Throws<ChatException>(() => Cursors.ParseSequence(cursor, "after"));

        Assert.Equal(ErrorCodes.InvalidCursor, error.Error.Code);
        Assert.Equal(["after"], error.Error.FieldErrors!.Keys);
    }

    [Fact]
    public void ParseConversation_RejectsACursorWhoseIdEndsWithANewline()
    {
        var valid = Cursors.ForConversation(new ConversationListPosition(DateTimeOffset.UnixEpoch, "d_x"));
        var forged = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(
            $"c1:{DateTimeOffset.UnixEpoch.UtcTicks}|d_x\n"));

        Assert.Equal("d_x", Cursors.ParseConversation(valid, "cursor").ConversationId);
        var error = Assert.Throws<ChatException>(() => Cursors.ParseConversation(forged, "cursor"));
        Assert.Equal(ErrorCodes.InvalidCursor, error.Error.Code);
    }

    [Fact]
    public void Conversation_RoundTrips()
    {
        var position = new ConversationListPosition(new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero), "g_abc");

        Assert.Equal(position, Cursors.ParseConversation(Cursors.ForConversation(position), "cursor"));
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("auth0|123")]
    [InlineData("a|b|c|d|e")]
    [InlineData("x%7Cy")]
    public void Sync_RoundTrips_ForUserIdsWithTheSeparatorOrEscapes(string userId)
    {
        var token = new SyncToken(userId, new SyncPosition(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero), "g_abc"), DateTimeOffset.UnixEpoch);

        var parsed = Cursors.ParseSync(Cursors.ForSync(token), userId, "since");

        Assert.Equal(token, parsed);
        Assert.Throws<ChatException>(() => Cursors.ParseSync(Cursors.ForSync(token), userId + "|x", "since"));
    }
}
