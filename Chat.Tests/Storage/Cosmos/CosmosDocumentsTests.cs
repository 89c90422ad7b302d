using System.Text.Json;
using Chat.Shared.Domain;
using Chat.Shared.Storage.Cosmos;
using Chat.Shared.Storage.Cosmos.Documents;

namespace Chat.Tests.Storage.Cosmos;

public sealed class CosmosDocumentsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ConversationDocument_RoundTripsThroughJson_WithETagAndNullableFields()
    {
        var conversation = Conversation();

        var back = RoundTrip(conversation, CosmosDocuments.ToDocument, CosmosDocuments.ToConversation);

        Assert.Equal(Describe(conversation), Describe(back));
        Assert.Equal("\"etag-1\"", back.ETag);
        Assert.Null(back.Participants[1].ReadAt);
    }

    [Fact]
    public void ConversationDocument_RoundTrips_WhenOptionalFieldsAreEmpty()
    {
        var conversation = Conversation() with { Title = null, LastMessage = null, ETag = null, Metadata = new Dictionary<string, string>() };

        var back = RoundTrip(conversation, CosmosDocuments.ToDocument, CosmosDocuments.ToConversation);

        Assert.Equal(Describe(conversation), Describe(back));
    }

    [Fact]
    public void MessageDocument_RoundTripsThroughJson_WithReplyAttachmentsAndETag()
    {
        var message = Message() with
        {
            ReplyTo = new ReplyReference("m_0", 1, "bob", "earlier"),
            Attachments = [new Attachment("a_1", "photo.png", "image/png", 1234, AttachmentKind.Image, "c_1/a_1")],
            EditedAt = T0.AddMinutes(1),
            DeletedAt = T0.AddMinutes(2),
            ETag = "\"etag-2\"",
        };

        var back = RoundTrip(message, CosmosDocuments.ToDocument, CosmosDocuments.ToMessage);

        Assert.Equal(Describe(message), Describe(back));
    }

    [Fact]
    public void MessageDocument_RoundTrips_WhenNullableFieldsAreNull()
    {
        var message = Message() with { SenderName = null, Content = null, ClientMessageId = null, ETag = null };

        var back = RoundTrip(message, CosmosDocuments.ToDocument, CosmosDocuments.ToMessage);

        Assert.Equal(Describe(message), Describe(back));
        Assert.Null(back.EditedAt);
        Assert.Null(back.ReplyTo);
    }

    [Fact]
    public void MessageDocument_KeepsDiscriminatorApartFromMessageType_WhenSerialized()
    {
        var json = JsonSerializer.SerializeToElement(CosmosDocuments.ToDocument(Message() with { Type = MessageType.Image }), CosmosJson.Options);

        Assert.Equal("message", json.GetProperty("type").GetString());
        Assert.Equal("image", json.GetProperty("messageType").GetString());
        Assert.Equal("m_1", json.GetProperty("id").GetString());
        Assert.Equal("c_1", json.GetProperty("conversationId").GetString());
        Assert.False(json.TryGetProperty("_etag", out _));
    }

    [Fact]
    public void AttachmentDocument_CarriesTtl_WhilePending()
    {
        var reservation = Reservation();

        var document = CosmosDocuments.ToDocument(reservation, TimeSpan.FromDays(1));
        var json = JsonSerializer.SerializeToElement(document, CosmosJson.Options);

        Assert.Equal((int)(TimeSpan.FromMinutes(10) + TimeSpan.FromDays(1)).TotalSeconds, document.Ttl);
        Assert.Equal(document.Ttl, json.GetProperty("ttl").GetInt32());
    }

    [Fact]
    public void AttachmentDocument_HasNoTtl_WhenAttachedToMessage()
    {
        var document = CosmosDocuments.ToDocument(Reservation() with { MessageId = "m_1" }, TimeSpan.FromDays(1));
        var json = JsonSerializer.SerializeToElement(document, CosmosJson.Options);

        Assert.Null(document.Ttl);
        Assert.False(json.TryGetProperty("ttl", out _));
    }

    [Fact]
    public void AttachmentDocument_RoundTripsThroughJson_WithETag()
    {
        var reservation = Reservation() with { MessageId = "m_1", ETag = "\"etag-3\"" };

        var back = RoundTrip(reservation, r => CosmosDocuments.ToDocument(r, TimeSpan.FromDays(1)), CosmosDocuments.ToReservation);

        Assert.Equal(reservation, back);
    }

    [Fact]
    public void UserConversationDocument_RoundTripsThroughJson_WithFixedPrecisionActivity()
    {
        var entry = new UserConversation
        {
            UserId = "bob",
            ConversationId = "c_1",
            Kind = ConversationKind.Direct,
            Title = null,
            ParticipantIds = ["alice", "bob"],
            LastMessage = new MessagePreview("m_1", 3, "alice", MessageType.Text, "hi", T0, false),
            LastActivityAt = T0.AddTicks(1),
            LastSequence = 3,
            ReadSequence = 1,
            UnreadCount = 2,
        };

        var json = JsonSerializer.SerializeToElement(CosmosDocuments.ToDocument(entry), CosmosJson.Options);
        var back = CosmosDocuments.ToUserConversation(json.Deserialize<UserConversationDocument>(CosmosJson.Options)!);

        Assert.Equal(Describe(entry), Describe(back));
        Assert.Equal("2026-11-24T12:00:00.0000001Z", json.GetProperty("lastActivityAt").GetString());
        Assert.Equal("c_1", json.GetProperty("id").GetString());
        Assert.Equal(2, json.GetProperty("unreadCount").GetInt64());
    }

    [Fact]
    public void TypingDocument_RoundTripsThroughJson_WithClaimAndTtl()
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_000);
        var state = new TypingState("c_1", "alice", now.AddSeconds(10), now.AddSeconds(40), "\"etag-4\"");

        var document = CosmosDocuments.ToDocument(state, now, TimeSpan.FromMinutes(1));
        var back = CosmosDocuments.ToTypingState(JsonSerializer.SerializeToElement(document, CosmosJson.Options).Deserialize<TypingDocument>(CosmosJson.Options)!);

        Assert.Equal(state, back);
        Assert.Equal(40 + 60, document.Ttl);
        Assert.Equal("alice", document.Id);
    }

    [Fact]
    public void TypingDocument_TtlFollowsExpiry_WhenNotClaimed()
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_000);

        var document = CosmosDocuments.ToDocument(new TypingState("c_1", "alice", now.AddSeconds(10)), now, TimeSpan.FromMinutes(1));
        var json = JsonSerializer.SerializeToElement(document, CosmosJson.Options);

        Assert.Equal(70, document.Ttl);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("claimedUntilMs").ValueKind);
        Assert.Equal(now.AddSeconds(10).ToUnixTimeMilliseconds(), json.GetProperty("expiresAtMs").GetInt64());
    }

    [Fact]
    public void ToConversation_ReadsRawChangeFeedDocument_WithSystemProperties()
    {
        var raw = JsonSerializer.SerializeToNode(CosmosDocuments.ToDocument(Conversation() with { ETag = null }), CosmosJson.Options)!.AsObject();
        raw["_etag"] = "\"00000a00-0000\"";
        raw["_rid"] = "abc==";
        raw["_ts"] = 1790000000;
        raw["_lsn"] = 42;
        var element = JsonSerializer.SerializeToElement(raw);

        var conversation = CosmosDocuments.ToConversation(element);

        Assert.True(CosmosDocuments.IsConversation(element));
        Assert.Equal("\"00000a00-0000\"", conversation.ETag);
        Assert.Equal(Describe(Conversation() with { ETag = "\"00000a00-0000\"" }), Describe(conversation));
    }

    [Fact]
    public void IsConversation_ReturnsFalse_ForMessageAttachmentAndMalformedDocuments()
    {
        var message = JsonSerializer.SerializeToElement(CosmosDocuments.ToDocument(Message()), CosmosJson.Options);
        var attachment = JsonSerializer.SerializeToElement(CosmosDocuments.ToDocument(Reservation(), TimeSpan.FromDays(1)), CosmosJson.Options);

        Assert.False(CosmosDocuments.IsConversation(message));
        Assert.False(CosmosDocuments.IsConversation(attachment));
        Assert.False(CosmosDocuments.IsConversation(JsonDocument.Parse("""{"type":1}""").RootElement));
        Assert.False(CosmosDocuments.IsConversation(JsonDocument.Parse("[]").RootElement));
    }

    private static TDomain RoundTrip<TDomain, TDocument>(TDomain value, Func<TDomain, TDocument> toDocument, Func<TDocument, TDomain> toDomain)
    {
        var json = JsonSerializer.Serialize(toDocument(value), CosmosJson.Options);
        return toDomain(JsonSerializer.Deserialize<TDocument>(json, CosmosJson.Options)!);
    }

    private static string Describe(object value) => JsonSerializer.Serialize(value);

    private static Conversation Conversation() => new()
    {
        Id = "c_1",
        Kind = ConversationKind.Group,
        Title = "Trip",
        Metadata = new Dictionary<string, string> { ["orderId"] = "o-1", ["listing"] = "l-2" },
        CreatedBy = "alice",
        CreatedAt = T0,
        Participants =
        [
            new Participant("alice", "Alice", T0, 3, T0.AddSeconds(3), 3, T0.AddSeconds(3)),
            new Participant("bob", null, T0.AddTicks(123), 0, null, 2, T0.AddSeconds(2)),
        ],
        LastSequence = 3,
        LastMessage = new MessagePreview("m_3", 3, "alice", MessageType.Image, null, T0.AddSeconds(3), true),
        LastActivityAt = T0.AddSeconds(3),
        ETag = "\"etag-1\"",
    };

    private static Message Message() => new()
    {
        Id = "m_1",
        ConversationId = "c_1",
        Sequence = 7,
        SenderId = "alice",
        SenderName = "Alice",
        Type = MessageType.Text,
        Content = "hello \"world\"",
        Metadata = new Dictionary<string, string> { ["k"] = "v" },
        CreatedAt = T0,
        ClientMessageId = "client-1",
    };

    private static AttachmentReservation Reservation() => new()
    {
        Id = "a_1",
        ConversationId = "c_1",
        UploaderId = "alice",
        FileName = "photo.png",
        ContentType = "image/png",
        SizeBytes = 1234,
        BlobName = "c_1/a_1",
        CreatedAt = T0,
        UploadExpiresAt = T0.AddMinutes(10),
    };
}
