using System.Text.Json;
using Chat.Shared.Domain;
using Chat.Shared.Events;
using Chat.Shared.Storage.Cosmos;
using Chat.TestSupport;

namespace Chat.Tests.Storage.Cosmos;

/// <summary>
/// The <c>users</c> change feed as the trigger hands it over (raw documents): a completed erasure is announced to the
/// app's backend as <c>chat.user.erased</c>, once per erasure pass, with the same id on every replay.
/// </summary>
public class ProfileChangeFeedTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Erase_Completed_IsPublishedAsUserErased_ARunningOneIsNot()
    {
        var h = new ChatHarness();
        var feed = new ProfileChangeFeed(h.ProfileProjector, h.ProfileFill, h.Events);
        var completed = Completed(ErasureJob.Start("bob", null, T0), messagesErased: 7, conversationsLeft: 2);

        await feed.HandleUsersAsync([Raw(ErasureJob.Start("carol", null, T0)), Raw(completed)], None);

        var published = Assert.Single(h.Events.Published);
        Assert.Equal((ChatEventTypes.UserErased, "users/bob", completed.CompletedAt!.Value), (published.Type, published.Subject, published.Time));
        Assert.Equal(new UserErasedData("bob", 1, completed.CompletedAt.Value, 7, 2), published.Data);
    }

    [Fact]
    public async Task Erase_AReplayedCompletion_KeepsItsEventId_AndANewPassGetsANewOne()
    {
        var h = new ChatHarness();
        var feed = new ProfileChangeFeed(h.ProfileProjector, h.ProfileFill, h.Events);
        var first = Completed(ErasureJob.Start("bob", null, T0), messagesErased: 1, conversationsLeft: 1);
        var second = Completed(ErasureJob.Start("bob", first, T0.AddDays(1)), messagesErased: 0, conversationsLeft: 0);

        await feed.HandleUsersAsync([Raw(first)], None);
        await feed.HandleUsersAsync([Raw(first)], None);
        await feed.HandleUsersAsync([Raw(second)], None);

        var ids = h.Events.Published.Select(e => e.Id).ToList();
        Assert.Equal(3, ids.Count);
        Assert.Equal(ids[0], ids[1]);
        Assert.NotEqual(ids[0], ids[2]);
        Assert.Equal([1, 1, 2], h.Events.Published.Select(e => ((UserErasedData)e.Data).Pass));
    }

    [Fact]
    public async Task Profile_ChangeOnTheUsersFeed_PublishesNoEvent()
    {
        var h = new ChatHarness();
        await h.ProfileService.UpsertAsync("bob", new("Bob", null, null, false), None);
        var feed = new ProfileChangeFeed(h.ProfileProjector, h.ProfileFill, h.Events);
        var profile = (await h.Profiles.ReadUserAsync("bob", None)).Profile!;

        await feed.HandleUsersAsync([JsonSerializer.SerializeToElement(CosmosUserDocuments.ToDocument(profile), CosmosJson.Options)], None);

        Assert.Empty(h.Events.Published);
    }

    private static ErasureJob Completed(ErasureJob running, long messagesErased, long conversationsLeft)
    {
        var at = running.StartedAt.AddMinutes(3);
        return running with
        {
            Status = ErasureStatus.Completed, Phase = ErasurePhase.Completed, CompletedAt = at, UpdatedAt = at,
            MessagesErased = messagesErased, ConversationsLeft = conversationsLeft,
        };
    }

    private static JsonElement Raw(ErasureJob job) =>
        JsonSerializer.SerializeToElement(CosmosUserDocuments.ToDocument(job, TimeSpan.FromDays(30)), CosmosJson.Options);
}
