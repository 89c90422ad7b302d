using System.Text.Json;
using Chat.Shared.Domain;
using Chat.Shared.Storage;
using Chat.Shared.Storage.Cosmos;
using Chat.Shared.Storage.Cosmos.Documents;

namespace Chat.Tests.Storage.Cosmos;

/// <summary>What the event publisher stores and reads in Cosmos DB documents.</summary>
public sealed class EventStateDocumentTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void NotificationState_RoundTripsThroughTheCosmosDocument()
    {
        var state = new ConversationEventState
        {
            ConversationId = "g_1",
            Announced = true,
            PublishedChange = 57,
            PublishedSequence = 42,
            PublishedMetadata = ConversationEventState.MetadataDigest(new Dictionary<string, string> { ["orderId"] = "o-1" }),
            Notifications = new NotificationWindow
            {
                Floor = 40,
                Messages = [new PendingMessage(41, T0), new PendingMessage(42, T0.AddSeconds(3))],
                Settled = new Dictionary<string, long> { ["bob"] = 42 },
                DueAt = T0.AddSeconds(30),
            },
            ClaimedUntil = T0.AddMinutes(1),
        };

        var json = JsonSerializer.Serialize(CosmosEventStateStore.ToDocument(state), CosmosJson.Options);
        var back = CosmosEventStateStore.ToState(JsonSerializer.Deserialize<EventStateDocument>(json, CosmosJson.Options)!);

        Assert.Equal((state.ConversationId, state.Announced, state.PublishedChange, state.PublishedSequence, state.PublishedMetadata, state.ClaimedUntil),
            (back.ConversationId, back.Announced, back.PublishedChange, back.PublishedSequence, back.PublishedMetadata, back.ClaimedUntil));
        Assert.Equal((state.Notifications.Floor, state.Notifications.DueAt), (back.Notifications.Floor, back.Notifications.DueAt));
        Assert.Equal(state.Notifications.Messages, back.Notifications.Messages);
        Assert.Equal(state.Notifications.Settled, back.Notifications.Settled);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(("g_1", "g_1", "eventState"), (document.RootElement.GetProperty("id").GetString(),
            document.RootElement.GetProperty("conversationId").GetString(), document.RootElement.GetProperty("type").GetString()));
    }

    [Fact]
    public void NotificationState_WithNothingPending_HasNoDueOrClaimFields_SoTheSweepsQueryNeverReadsIt()
    {
        var json = JsonSerializer.SerializeToElement(CosmosEventStateStore.ToDocument(ConversationEventState.New("d_1")), CosmosJson.Options);

        Assert.False(json.TryGetProperty("dueAtMs", out _));
        Assert.False(json.TryGetProperty("claimedUntilMs", out _));
    }

    [Fact]
    public void EventGrid_MessageDocument_KeepsTheEditAndReactionPositions()
    {
        var message = new Message
        {
            Id = "m_1", ConversationId = "g_1", Sequence = 3, Change = 9, EditChange = 7, ReactionsChange = 9,
            SenderId = "alice", Type = MessageType.Text, Content = "hi", CreatedAt = T0,
        };

        var json = JsonSerializer.SerializeToElement(CosmosDocuments.ToDocument(message), CosmosJson.Options);
        var back = CosmosDocuments.ToMessage(json.Deserialize<MessageDocument>(CosmosJson.Options)!);

        Assert.Equal((7L, 9L), (back.EditChange, back.ReactionsChange));
        var unchanged = JsonSerializer.SerializeToElement(CosmosDocuments.ToDocument(message with { EditChange = 0, ReactionsChange = 0 }), CosmosJson.Options);
        Assert.False(unchanged.TryGetProperty("editChange", out _));
    }

    [Fact]
    public void EventGrid_MemberDocument_KeepsWhetherAReceiptMovedTheReadPosition()
    {
        var member = new Member { ConversationId = "g_1", UserId = "bob", JoinedAt = T0, ReadSequence = 4, ReadAt = T0, ReadByReceipt = true };

        var json = JsonSerializer.SerializeToElement(CosmosDocuments.ToDocument(member, TimeSpan.FromDays(30)), CosmosJson.Options);

        Assert.True(CosmosDocuments.ToMember(json.Deserialize<MemberDocument>(CosmosJson.Options)!).ReadByReceipt);
    }

    [Fact]
    public void EventGrid_ReadPositionPatches_MarkWhoMovedIt_WithinTenOperations()
    {
        var member = new Member { ConversationId = "c", UserId = "u", JoinedAt = T0, ReadSequence = 5, ReadAt = T0, State = MemberState.Active, Role = MemberRole.Admin };

        var receipt = CosmosQueries.AdvanceRead(5, T0).Operations;
        var send = CosmosQueries.SenderRead(new SenderRead("u", 5, T0, "U"));
        var membership = CosmosQueries.UpdateMembership(new MemberWrite(member, MemberWriteKind.UpdateMembership, WithReadPosition: true), TimeSpan.FromDays(30));

        Assert.Contains(receipt, o => o.Path == "/readByReceipt");
        Assert.Contains(send, o => o.Path == "/readByReceipt");
        Assert.Contains(membership, o => o.Path == "/readByReceipt");
        Assert.True(membership.Count <= 10, "Cosmos DB takes at most ten operations per patch.");
    }

    [Fact]
    public void NotificationQuery_ReadsOnlyDueUnclaimedStates_EarliestFirst()
    {
        var query = CosmosQueries.DueNotifications(1_000, 50);

        Assert.Contains("c.dueAtMs <= @now", query.QueryText, StringComparison.Ordinal);
        Assert.Contains("c.claimedUntilMs <= @now", query.QueryText, StringComparison.Ordinal);
        Assert.EndsWith("ORDER BY c.dueAtMs ASC", query.QueryText, StringComparison.Ordinal);
        Assert.Equal([("@limit", (object)50), ("@now", 1_000L)], query.GetQueryParameters().Select(p => (p.Name, p.Value)));
    }
}
