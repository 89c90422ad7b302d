using System.Text.Json;
using Chat.Shared.Application;
using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Events;
using Chat.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using static Chat.TestSupport.ChatHarness;

namespace Chat.Tests.Events;

/// <summary>
/// Read-aware notifications end to end on the doubles: sends go through the change feed into the conversation's
/// notification window, the sweep publishes <c>chat.notification.due</c> when due.
/// </summary>
public class NotificationSweepTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Delay = new NotificationOptions().Delay;

    [Fact]
    public async Task Notification_IsDue_OnlyAfterTheDelay_ForRecipientsWhoHaveNotRead_NeverTheSender()
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob, Carol);
        var sent = await SendAsync(h, Alice, id, "hi team");

        h.Clock.Advance(Delay - TimeSpan.FromSeconds(1));
        Assert.Empty(await SweepAsync(h));
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        var due = await SweepAsync(h);

        Assert.Equal(["bob", "carol"], due.Select(d => d.UserId).Order());
        var bob = due.Single(d => d.UserId == "bob");
        Assert.Equal((1L, 1L, 1L, 1L, "hi team", "Alice"), (bob.Count, bob.UnreadCount, bob.FromSequence, bob.ThroughSequence, bob.LastMessage!.Text, bob.LastMessage.SenderName));
        Assert.Equal(sent.CreatedAt, bob.FirstUnreadAt);
        Assert.Equal(sent.Id, bob.LastMessage.Id);
    }

    [Fact]
    public async Task Notification_SeveralMessagesOfOneConversation_CollapseIntoOneEventPerRecipient_WithTheCount()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        for (var i = 0; i < 5; i++)
        {
            await SendAsync(h, Alice, id, $"message {i}");
            h.Clock.Advance(TimeSpan.FromSeconds(2));
        }

        h.Clock.Advance(Delay);
        var due = Assert.Single(await SweepAsync(h));

        Assert.Equal(("bob", 5L, 5L, 5L, "message 4"), (due.UserId, due.Count, due.UnreadCount, due.ThroughSequence, due.LastMessage!.Text));
        Assert.Empty(await SweepAsync(h));
    }

    [Fact]
    public async Task Notification_ReadOnAnyDevice_CancelsIt()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        await SendAsync(h, Alice, id, "hello");
        await SendAsync(h, Alice, id, "are you there?");

        h.Clock.Advance(TimeSpan.FromSeconds(10));
        await h.Receipts.MarkReadAsync(Bob, id, new MarkPositionRequest(), None);
        await h.PublishEventsAsync();
        h.Clock.Advance(Delay);

        Assert.Empty(await SweepAsync(h));
        Assert.Null(h.EventStates.Get(id)!.Notifications.DueAt);
    }

    [Fact]
    public async Task Notification_PartialRead_CountsOnlyTheUnread_AndWaitsTheDelayOfTheFirstUnread()
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob, Carol);
        await SendAsync(h, Alice, id, "one");
        h.Clock.Advance(TimeSpan.FromSeconds(10));
        await h.Receipts.MarkReadAsync(Bob, id, new MarkPositionRequest(), None);
        h.Clock.Advance(TimeSpan.FromSeconds(10));
        var second = await SendAsync(h, Alice, id, "two");

        h.Clock.Advance(Delay - TimeSpan.FromSeconds(20));
        var first = await SweepAsync(h);
        Assert.Equal(("carol", 2L), (Assert.Single(first).UserId, first[0].Count));

        h.Clock.Advance(TimeSpan.FromSeconds(20));
        var later = Assert.Single(await SweepAsync(h));
        Assert.Equal(("bob", 1L, 2L, second.CreatedAt), (later.UserId, later.Count, later.FromSequence, later.FirstUnreadAt));
        Assert.Empty(await SweepAsync(h));
    }

    [Fact]
    public async Task Notification_MutedRecipient_IsNotNotified_AndTheWindowStillClears()
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob, Carol);
        await h.Membership.UpdateMeAsync(Carol, id, new UpdateMeRequest(JsonSerializer.SerializeToElement(true)), None);
        await SendAsync(h, Alice, id, "hi");

        h.Clock.Advance(Delay);
        var due = await SweepAsync(h);

        Assert.Equal(["bob"], due.Select(d => d.UserId));
        Assert.Null(h.EventStates.Get(id)!.Notifications.DueAt);
    }

    [Fact]
    public async Task Notification_MuteAfterTheMessage_CancelsIt()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        await SendAsync(h, Alice, id, "hi");
        await h.Membership.UpdateMeAsync(Bob, id, new UpdateMeRequest(JsonSerializer.SerializeToElement(h.Clock.GetUtcNow().AddHours(1))), None);

        h.Clock.Advance(Delay);

        Assert.Empty(await SweepAsync(h));
    }

    [Fact]
    public async Task Notification_OnlineRecipient_IsNotNotified_AndNotNotifiedLaterForTheSameMessages()
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob, Carol);
        h.Online.Online["carol"] = true;
        await SendAsync(h, Alice, id, "hi");

        h.Clock.Advance(Delay);
        Assert.Equal(["bob"], (await SweepAsync(h)).Select(d => d.UserId));
        h.Online.Online["carol"] = false;
        h.Clock.Advance(Delay);
        Assert.Empty(await SweepAsync(h));

        await SendAsync(h, Alice, id, "again");
        h.Clock.Advance(Delay);
        var next = await SweepAsync(h);
        Assert.Equal(["bob", "carol"], next.Select(d => d.UserId).Order());
        Assert.All(next, d => Assert.Equal((1L, 2L), (d.Count, d.FromSequence)));
        Assert.Equal(2, h.Online.Calls);
    }

    [Fact]
    public async Task Notification_RecipientWithAnOpenConnection_IsNotNotified_AsPresenceSaysOnline()
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob, Carol);
        await h.ConnectAsync(Carol, "carol-phone");
        var sweeper = Sweeper(h, h.PresenceService);
        await SendAsync(h, Alice, id, "hi");

        h.Clock.Advance(Delay);
        Assert.Equal(["bob"], (await SweepAsync(h, sweeper)).Select(d => d.UserId));

        await h.DisconnectAsync(Carol, "carol-phone");
        h.Clock.Advance(h.Options.Presence.OfflineGrace);
        await h.SweepPresenceAsync();
        await SendAsync(h, Alice, id, "again");
        h.Clock.Advance(Delay);
        Assert.Equal(["bob", "carol"], (await SweepAsync(h, sweeper)).Select(d => d.UserId).Order());
    }

    [Fact]
    public async Task Notification_NewMessagesAfterANotification_NotifyAgain_CountingOnlyTheNewOnes()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        await SendAsync(h, Alice, id, "one");
        h.Clock.Advance(Delay);
        Assert.Single(await SweepAsync(h));

        await SendAsync(h, Alice, id, "two");
        await SendAsync(h, Alice, id, "three");
        h.Clock.Advance(Delay);
        var again = Assert.Single(await SweepAsync(h));

        Assert.Equal((2L, 3L, 2L, 3L), (again.Count, again.UnreadCount, again.FromSequence, again.ThroughSequence));
    }

    [Fact]
    public async Task Notification_ConcurrentSweeps_NeverPublishOneTwice()
    {
        var h = new ChatHarness();
        var conversations = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var id = await h.GroupAsync(Alice, Bob, Carol);
            conversations.Add(id);
            await SendAsync(h, Alice, id, $"hi {i}");
        }

        h.Clock.Advance(Delay);
        var others = Enumerable.Range(0, 3).Select(_ => Sweeper(h)).ToList();
        var raced = 0;
        h.Events.BeforePublish = async _ =>
        {
            // While the first sweep publishes, three more run to the end on the same due list.
            if (Interlocked.Exchange(ref raced, 1) == 0)
            {
                await Task.WhenAll(others.Select(s => s.RunAsync(None)));
            }
        };
        h.EventStates.Latency = async _ => await Task.Yield();

        await h.NotificationSweeper.RunAsync(None);
        await Task.WhenAll(others.Select(s => s.RunAsync(None)));

        var published = h.Events.Published.Where(e => e.Type == ChatEventTypes.NotificationDue).ToList();
        Assert.Equal(8, published.Count);
        Assert.Equal(8, published.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public async Task Notification_FailedPublish_IsPublishedAgainAfterTheClaimLapses_WithTheSameId()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        await SendAsync(h, Alice, id, "hi");
        h.Clock.Advance(Delay);
        h.Events.Fail = true;

        var failed = await h.NotificationSweeper.RunAsync(None);
        h.Events.Fail = false;
        var whileClaimed = await h.NotificationSweeper.RunAsync(None);
        h.Clock.Advance(h.NotificationOptions.SweepClaim);
        var retried = await h.NotificationSweeper.RunAsync(None);

        Assert.Equal((1, 0, 1), (failed.Due, failed.Notified, failed.Failed));
        Assert.Equal(0, whileClaimed.Due);
        Assert.Equal((1, 1, 0), (retried.Due, retried.Notified, retried.Failed));
        Assert.Equal($"{id}/notification/bob/1", Assert.Single(h.Events.Published, e => e.Type == ChatEventTypes.NotificationDue).Id);
    }

    [Fact]
    public async Task Notification_MessageArrivingWhileASweepHoldsTheConversation_IsKeptForALaterSweep()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        await SendAsync(h, Alice, id, "one");
        h.Clock.Advance(Delay);
        h.Events.BeforePublish = async events =>
        {
            if (events.Any(e => e.Type == ChatEventTypes.NotificationDue))
            {
                h.Events.BeforePublish = null;
                await SendAsync(h, Alice, id, "two");
            }
        };

        var first = Assert.Single(await SweepAsync(h));
        Assert.Equal(1, first.ThroughSequence);
        h.Clock.Advance(Delay);
        var second = Assert.Single(await SweepAsync(h));

        Assert.Equal((1L, 2L, 2L), (second.Count, second.FromSequence, second.ThroughSequence));
    }

    [Fact]
    public async Task Notification_MessageDeletedBeforeItWasDue_NotifiesNobody_AndIsNotCountedAsTheReason()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var oops = await SendAsync(h, Alice, id, "wrong chat");
        await h.Messages.DeleteAsync(Alice, id, oops.Id, None);
        await h.PublishEventsAsync();
        h.Clock.Advance(Delay);
        Assert.Empty(await SweepAsync(h));

        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var kept = await SendAsync(h, Alice, id, "this one");
        var gone = await SendAsync(h, Alice, id, "not this one");
        await h.Messages.DeleteAsync(Alice, id, gone.Id, None);
        await h.PublishEventsAsync();
        h.Clock.Advance(Delay);
        var due = Assert.Single(await SweepAsync(h));
        Assert.Equal((kept.CreatedAt, 2L, 2L, 1L), (due.FirstUnreadAt, due.FromSequence, due.ThroughSequence, due.Count));
    }

    [Fact]
    public async Task Notification_ReplayedChangeFeed_NotifiesNobodyAgain()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        await SendAsync(h, Alice, id, "one");
        h.Clock.Advance(Delay);
        Assert.Single(await SweepAsync(h));

        await h.EventFeed.HandleAsync(h.Store.AllDocuments(), None);
        h.Clock.Advance(Delay);

        Assert.Empty(await SweepAsync(h));
    }

    [Fact]
    public async Task Notification_SweepCost_FollowsPendingNotificationsOnly_NotUsersOrConversations()
    {
        var h = new ChatHarness();
        for (var i = 0; i < 30; i++)
        {
            // Conversations and users with history but nothing pending: the sweep never reads them.
            var quiet = await h.DirectAsync(Alice, new ChatUser($"user{i}", null));
            await SendAsync(h, Alice, quiet, "old news");
        }

        h.Clock.Advance(Delay);
        Assert.Equal(30, (await h.NotificationSweeper.RunAsync(None)).Notified);
        Assert.Equal(0, (await h.NotificationSweeper.RunAsync(None)).Due);

        var pending = new[] { await h.GroupAsync(Alice, Bob, Carol), await h.DirectAsync(Carol, Bob) };
        foreach (var id in pending)
        {
            await SendAsync(h, Carol, id, "unread");
        }

        h.Clock.Advance(Delay);
        h.Store.Calls.Clear();
        h.EventStates.Calls.Clear();
        var publishCalls = h.Events.Calls;
        var report = await h.NotificationSweeper.RunAsync(None);

        Assert.Equal((2, 3), (report.Due, report.Notified));
        Assert.Equal(2, h.Store.Calls.Values.Sum());
        Assert.Equal(2, h.Store.Calls[nameof(Chat.Shared.Storage.IChatStore.GetStateAsync)]);
        Assert.Equal(1 + 2 + 2, h.EventStates.Calls.Values.Sum());
        Assert.Equal(2, h.Events.Calls - publishCalls);
    }

    [Fact]
    public async Task Notification_ReadBeforeItWasDue_CostsTheSweepOneVisit_AndPublishesNothing()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        await SendAsync(h, Alice, id, "hi");
        await h.Receipts.MarkReadAsync(Bob, id, new MarkPositionRequest(), None);
        await h.PublishEventsAsync();
        h.Clock.Advance(Delay);
        h.Store.Calls.Clear();
        h.EventStates.Calls.Clear();
        var publishCalls = h.Events.Calls;

        var report = await h.NotificationSweeper.RunAsync(None);

        Assert.Equal((1, 0), (report.Due, report.Notified));
        Assert.Equal(1, h.Store.Calls.Values.Sum());
        Assert.Equal(3, h.EventStates.Calls.Values.Sum());
        Assert.Equal(publishCalls, h.Events.Calls);
        Assert.Equal(0, (await h.NotificationSweeper.RunAsync(None)).Due);
    }

    [Fact]
    public async Task Notification_BigGroup_ASendWritesOneStateDocument_NotOnePerRecipient()
    {
        var h = new ChatHarness();
        var members = Enumerable.Range(1, 99).Select(i => new ChatUser($"member{i:D3}", null)).ToArray();
        var id = await h.GroupAsync(Alice, members);
        await h.PublishEventsAsync();
        h.EventStates.Metrics.Reset();

        await h.SendTextAsync(Alice, id, "hello everyone");
        await h.PublishEventsAsync();

        Assert.Equal(2, h.EventStates.Metrics.Requests);
        Assert.Equal(1, h.EventStates.Metrics.DocumentsWritten);
        h.Clock.Advance(Delay);
        h.EventStates.Metrics.Reset();
        var report = await h.NotificationSweeper.RunAsync(None);
        Assert.Equal(99, report.Notified);
        Assert.Equal(3, h.EventStates.Metrics.Requests);
    }

    [Fact]
    public async Task Notification_Disabled_TracksNothing_AndTheSweepReadsNothing()
    {
        var h = new ChatHarness(notifications: new NotificationOptions { Enabled = false });
        var id = await h.DirectAsync(Alice, Bob);
        await SendAsync(h, Alice, id, "hi");
        h.Clock.Advance(Delay);
        h.EventStates.Calls.Clear();

        var report = await h.NotificationSweeper.RunAsync(None);

        Assert.Equal(0, report.Due);
        Assert.Empty(h.EventStates.Calls);
        Assert.Null(h.EventStates.Get(id)!.Notifications.DueAt);
    }

    [Fact]
    public async Task Notification_AMemberWhoLeft_IsNotNotified_AndMembershipNoticesAloneNotifyNobody()
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob, Carol);
        await SendAsync(h, Alice, id, "hi");
        await h.Membership.RemoveParticipantAsync(Carol, id, "carol", None);
        await h.PublishEventsAsync();
        h.Clock.Advance(Delay);

        var due = Assert.Single(await SweepAsync(h));
        Assert.Equal(("bob", 1L, 2L), (due.UserId, due.Count, due.UnreadCount));

        await h.Membership.AddParticipantsAsync(Alice, id, new AddParticipantsRequest(["dave"]), None);
        await h.Membership.UpdateAsync(Alice, id, new UpdateConversationRequest("Renamed"), None);
        await h.PublishEventsAsync();
        h.Clock.Advance(Delay);
        Assert.Empty(await SweepAsync(h));
    }

    private static async Task<MessageDto> SendAsync(ChatHarness h, ChatUser user, string id, string content)
    {
        var sent = await h.SendTextAsync(user, id, content);
        await h.PublishEventsAsync();
        return sent;
    }

    private static async Task<List<NotificationDueData>> SweepAsync(ChatHarness h, NotificationSweeper? sweeper = null)
    {
        var before = h.Events.Published.Count;
        await (sweeper ?? h.NotificationSweeper).RunAsync(None);
        return h.Events.Published.Skip(before).Where(e => e.Type == ChatEventTypes.NotificationDue).Select(e => (NotificationDueData)e.Data).ToList();
    }

    private static NotificationSweeper Sweeper(ChatHarness h, IOnlineStatus? online = null) => new(
        h.Store, h.EventStates, h.Events, online ?? h.Online, h.Clock,
        Microsoft.Extensions.Options.Options.Create(h.EventOptions), Microsoft.Extensions.Options.Options.Create(h.NotificationOptions),
        NullLogger<NotificationSweeper>.Instance);
}
