using Chat.Shared.Domain;

namespace Chat.Tests.Domain;

public class ChatIdsTests
{
    [Fact]
    public void DirectConversationId_IsTheSameForEitherOrder_AndDiffersPerPair()
    {
        var ab = ChatIds.DirectConversationId("alice", "bob");

        Assert.Equal(ab, ChatIds.DirectConversationId("bob", "alice"));
        Assert.NotEqual(ab, ChatIds.DirectConversationId("alice", "carol"));
        Assert.NotEqual(ChatIds.DirectConversationId("a", "b\nc"), ChatIds.DirectConversationId("a\nb", "c"));
        Assert.True(ChatIds.IsValidResourceId(ab));
    }

    [Fact]
    public void IdempotentMessageId_DependsOnConversationSenderAndClientId()
    {
        var id = ChatIds.IdempotentMessageId("c1", "alice", "x");

        Assert.Equal(id, ChatIds.IdempotentMessageId("c1", "alice", "x"));
        Assert.NotEqual(id, ChatIds.IdempotentMessageId("c2", "alice", "x"));
        Assert.NotEqual(id, ChatIds.IdempotentMessageId("c1", "bob", "x"));
        Assert.NotEqual(id, ChatIds.IdempotentMessageId("c1", "alice", "y"));
        Assert.True(ChatIds.IsValidResourceId(id));
    }

    [Theory]
    [InlineData("m_0123456789abcdef", true)]
    [InlineData("A-b_9", true)]
    [InlineData("", false)]
    [InlineData("a/b", false)]
    [InlineData("..", false)]
    [InlineData("a b", false)]
    [InlineData("é", false)]
    [InlineData("a%2Fb", false)]
    [InlineData("m_1\n", false)]
    [InlineData("m_1\r\n", false)]
    [InlineData("\nm_1", false)]
    [InlineData("m_1\n\n", false)]
    public void IsValidResourceId_AcceptsOnlyUrlSafeIds(string id, bool valid) =>
        Assert.Equal(valid, ChatIds.IsValidResourceId(id));

    [Fact]
    public void IsValidResourceId_RejectsIdsOver64Characters()
    {
        Assert.True(ChatIds.IsValidResourceId(new string('a', 64)));
        Assert.False(ChatIds.IsValidResourceId(new string('a', 65)));
        Assert.False(ChatIds.IsValidResourceId(new string('a', 64) + "\n"));
    }

    [Theory]
    [InlineData("alice\n")]
    [InlineData("alice\r")]
    [InlineData("\nalice")]
    public void IsValidUserId_RejectsLineBreaks(string id) => Assert.False(ChatIds.IsValidUserId(id));

    [Theory]
    [InlineData("auth0|5f7c8ec7", true)]
    [InlineData("user@example.com", true)]
    [InlineData("8b1f6e0c-9b1d-4a57-9f1a-4c2d3f6a7e11", true)]
    [InlineData("a/b", false)]
    [InlineData("a b", false)]
    [InlineData("a#b", false)]
    [InlineData("tab\t", false)]
    public void IsValidUserId_AcceptsTokenSubjects_AndRejectsPathCharacters(string id, bool valid) =>
        Assert.Equal(valid, ChatIds.IsValidUserId(id));

    [Fact]
    public void RandomIdGenerator_MakesValidDistinctIds()
    {
        var ids = new RandomIdGenerator(TimeProvider.System);

        var made = Enumerable.Range(0, 1000).Select(_ => ids.NewId("m_")).ToList();

        Assert.Equal(1000, made.Distinct().Count());
        Assert.All(made, id => Assert.True(ChatIds.IsValidResourceId(id)));
    }
}
