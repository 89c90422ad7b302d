using System.Text.Json;
using Chat.Shared.Domain;
using Chat.Shared.Storage.Cosmos;
using Chat.Shared.Storage.Cosmos.Documents;

namespace Chat.Tests.Storage.Cosmos;

public sealed class CosmosDocumentsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Conversation_RoundTripsThroughJson_AndMemberIdsCannotCollideWithResourceIds()
    {
        var conversation = Conversation();

        var back = RoundTrip(conversation, CosmosDocuments.ToDocument, CosmosDocuments.ToConversation);

        Assert.Equal(Describe(conversation), Describe(back));
        Assert.Equal(3, back.LastSequence);
        Assert.False(ChatIds.IsValidResourceId(DocumentTypes.MemberId("bob")));
        Assert.False(ChatIds.IsValidResourceId(DocumentTypes.DeliveryId("bob")));
    }

    [Fact]
    public void ConversationDocument_RoundTrips_WhenOptionalFieldsAreEmpty()
    {
        var conversation = Conversation() with { Title = null, LastMessage = null, ClosedAt = null, ClosedBy = null, Key = null, Metadata = new Dictionary<string, string>() };

        var back = RoundTrip(conversation, CosmosDocuments.ToDocument, CosmosDocuments.ToConversation);

        Assert.Equal(Describe(conversation), Describe(back));
        Assert.Equal(0, back.LastSequence);
    }

    [Theory]
    [InlineData(MemberState.Active, -1)]
    [InlineData(MemberState.Left, 30 * 24 * 3600)]
    public void MemberDocument_RoundTrips_AndExpiresOnlyWhenTheMemberLeft(MemberState state, int ttl)
    {
        var member = Member() with { State = state, LeftAt = state == MemberState.Left ? T0.AddDays(1) : null };

        var document = CosmosDocuments.ToDocument(member, TimeSpan.FromDays(30));
        var back = RoundTrip(member, m => CosmosDocuments.ToDocument(m, TimeSpan.FromDays(30)), CosmosDocuments.ToMember);

        Assert.Equal(Describe(member), Describe(back));
        Assert.Equal(ttl, document.Ttl);
        Assert.Equal("member:bob", document.Id);
    }

    [Fact]
    public void DeliveryDocument_RoundTrips()
    {
        var delivery = new Delivery("c_1", "bob", 9, T0);

        var back = RoundTrip(delivery, CosmosDocuments.ToDocument, CosmosDocuments.ToDelivery);

        Assert.Equal(delivery, back);
        Assert.Equal("delivery:bob", CosmosDocuments.ToDocument(delivery).Id);
    }

    [Fact]
    public void MessageDocument_RoundTripsThroughJson_WithReplyAttachmentsReactionsAndSystemFields()
    {
        var message = Message() with
        {
            ReplyTo = new ReplyReference("m_0", 1, "bob"),
            Attachments = [new Attachment("a_1", "photo.png", "image/png", 1234, AttachmentKind.Image, "c_1/a_1")],
            Reactions = new Dictionary<string, IReadOnlyList<string>> { ["👍"] = ["bob", "carol"], ["party"] = ["alice"] },
            SystemEvent = SystemEvents.MembersAdded,
            SystemUserIds = ["carol"],
            EditedAt = T0.AddMinutes(1),
            DeletedAt = T0.AddMinutes(2),
            DeletedBy = DeletionActor.Moderator,
        };

        var back = RoundTrip(message, CosmosDocuments.ToDocument, CosmosDocuments.ToMessage);

        Assert.Equal(Describe(message), Describe(back));
    }

    [Fact]
    public void MessageDocument_StoresNoReplyText_AndKeepsDiscriminatorApartFromMessageType()
    {
        var json = JsonSerializer.SerializeToElement(CosmosDocuments.ToDocument(Message() with { ReplyTo = new ReplyReference("m_0", 1, "bob") }), CosmosJson.Options);

        Assert.Equal("message", json.GetProperty("type").GetString());
        Assert.Equal("text", json.GetProperty("messageType").GetString());
        Assert.Equal(7, json.GetProperty("change").GetInt64());
        Assert.False(json.GetProperty("replyTo").TryGetProperty("preview", out _));
        Assert.False(json.TryGetProperty("systemEvent", out _));
    }

    [Fact]
    public void MessageDocument_RoundTrips_WhenNullableFieldsAreNull()
    {
        var message = Message() with { SenderName = null, Content = null, ClientMessageId = null };

        var back = RoundTrip(message, CosmosDocuments.ToDocument, CosmosDocuments.ToMessage);

        Assert.Equal(Describe(message), Describe(back));
        Assert.Null(back.EditedAt);
        Assert.Null(back.ReplyTo);
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
    public void AttachmentDocument_RoundTripsThroughJson_WhenAttached()
    {
        var reservation = Reservation() with { MessageId = "m_1" };

        var back = RoundTrip(reservation, r => CosmosDocuments.ToDocument(r, TimeSpan.FromDays(1)), CosmosDocuments.ToReservation);

        Assert.Equal(reservation, back);
    }

    [Fact]
    public void UserConversationDocument_RoundTripsThroughJson_WithQueryFieldsAtTheTopLevel()
    {
        var entry = new UserConversation
        {
            UserId = "bob",
            ConversationId = "c_1",
            Kind = ConversationKind.Group,
            Title = "Trip",
            Metadata = new Dictionary<string, string> { ["shop"] = "north" },
            Key = "order-1",
            ParticipantIds = ["alice", "bob"],
            LastMessage = new MessagePreview("m_1", 3, "alice", MessageType.Text, "hi", T0, false),
            LastActivityAt = T0.AddTicks(1),
            LastSequence = 3,
            ReadSequence = 1,
            UnreadCount = 2,
            Role = MemberRole.Admin,
            State = MemberState.Active,
            MutedUntil = DateTimeOffset.MaxValue,
            Archived = false,
            ClosedAt = T0,
            Folder = ListFolder.Inbox,
            SyncAt = T0.AddSeconds(5),
            Version = new ProjectionVersion(57, 9),
        };

        var json = JsonSerializer.SerializeToElement(CosmosDocuments.ToDocument(entry, TimeSpan.FromDays(30)), CosmosJson.Options);
        var back = CosmosDocuments.ToUserConversation(json.Deserialize<UserConversationDocument>(CosmosJson.Options)!);

        Assert.Equal(Describe(entry), Describe(back));
        Assert.Equal("2026-11-24T12:00:00.0000001Z", json.GetProperty("lastActivityAt").GetString());
        Assert.Equal("inbox", json.GetProperty("folder").GetString());
        Assert.Equal((57, 9), (json.GetProperty("cv").GetInt64(), json.GetProperty("mv").GetInt64()));
        Assert.Equal(-1, json.GetProperty("ttl").GetInt32());
        Assert.Equal(30 * 24 * 3600, CosmosDocuments.ToDocument(entry with { State = MemberState.Left }, TimeSpan.FromDays(30)).Ttl);
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
    public void TypeOf_ReadsTheDiscriminator_OfRawDocumentsWithSystemProperties()
    {
        var raw = JsonSerializer.SerializeToNode(CosmosDocuments.ToDocument(Conversation()), CosmosJson.Options)!.AsObject();
        raw["_etag"] = "\"00000a00-0000\"";
        raw["_rid"] = "abc==";
        raw["_ts"] = 1790000000;
        var element = JsonSerializer.SerializeToElement(raw);

        var conversation = CosmosDocuments.ToConversation(CosmosDocuments.Read<ConversationDocument>(element));

        Assert.Equal(DocumentTypes.Conversation, CosmosDocuments.TypeOf(element));
        Assert.Equal("\"00000a00-0000\"", conversation.ETag);
        Assert.Null(CosmosDocuments.TypeOf(JsonDocument.Parse("""{"type":1}""").RootElement));
        Assert.Null(CosmosDocuments.TypeOf(JsonDocument.Parse("[]").RootElement));
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
        Key = "trip-2026",
        CreatedBy = "alice",
        CreatedAt = T0,
        ClosedAt = T0.AddDays(2),
        ClosedBy = "alice",
        MemberIds = ["alice", "bob"],
        LastMessage = new MessagePreview("m_3", 3, "alice", MessageType.Image, null, T0.AddSeconds(3), true),
        LastActivityAt = T0.AddSeconds(3),
        Change = 4,
        LastChange = 12,
    };

    private static Member Member() => new()
    {
        ConversationId = "c_1",
        UserId = "bob",
        DisplayName = "Bob",
        Role = MemberRole.Admin,
        JoinedAt = T0.AddTicks(123),
        ReadSequence = 3,
        ReadAt = T0.AddSeconds(3),
        MutedUntil = DateTimeOffset.MaxValue,
        Archived = true,
        ArchivedAtSequence = 3,
        Change = 2,
        ViewVersion = 5,
    };

    private static Message Message() => new()
    {
        Id = "m_1",
        ConversationId = "c_1",
        Sequence = 7,
        Change = 7,
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
