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
    public void ParseSequence_RejectsAnythingButPlainDigits(string cursor)
    {
        var error = Assert.Throws<ChatException>(() => Cursors.ParseSequence(cursor, "after"));

        Assert.Equal(ErrorCodes.InvalidCursor, error.Error.Code);
        Assert.Equal(["after"], error.Error.FieldErrors!.Keys);
    }

    [Fact]
    public void Conversation_RoundTrips()
    {
        var position = new ConversationListPosition(new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero), "g_abc");

        Assert.Equal(position, Cursors.ParseConversation(Cursors.ForConversation(position), "cursor"));
    }
}
