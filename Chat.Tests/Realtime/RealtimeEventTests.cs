using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Realtime;

namespace Chat.Tests.Realtime;

public class RealtimeEventTests
{
    [Fact]
    public void PayloadJson_IsCamelCase_WithEnumsAsStrings()
    {
        var payload = new MessagePreviewDto("m_1", 3, "alice", MessageType.Image, null, new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero), false);

        var json = RealtimeEvent.ToUser(EventTargets.ConversationUpdated, "bob", payload).PayloadJson();

        Assert.Equal("m_1", json.GetProperty("id").GetString());
        Assert.Equal("image", json.GetProperty("type").GetString());
        Assert.Equal("2026-11-24T12:00:00+00:00", json.GetProperty("createdAt").GetString());
        Assert.False(json.TryGetProperty("Id", out _));
    }

    [Fact]
    public void PayloadJson_WritesTheRuntimeType_NotJustObject()
    {
        var json = RealtimeEvent.ToConversation(EventTargets.Typing, "d_1", new TypingEvent("d_1", "alice", false, null)).PayloadJson();

        Assert.Equal("alice", json.GetProperty("userId").GetString());
        Assert.False(json.GetProperty("isTyping").GetBoolean());
    }
}
