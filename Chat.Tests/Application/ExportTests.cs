using Chat.Shared.Application;
using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.TestSupport;

namespace Chat.Tests.Application;

/// <summary>Export of a user's data: every kind of document about the user, page by page, nobody else's.</summary>
public sealed class ExportTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Export_ReturnsEveryKindOfDocumentAboutTheUser()
    {
        var h = new ChatHarness();
        await UserDataScenario.SeedAsync(h);

        var items = await ExportAllAsync(h, "bob", limit: 2);

        Assert.Equal(UserDataKinds.Handling.Keys.Order(StringComparer.Ordinal), items.Select(i => i.Kind).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Export_ReturnsEachOfTheUsersDocuments_ExactlyOnce()
    {
        var h = new ChatHarness();
        var seeded = await UserDataScenario.SeedAsync(h);

        var items = await ExportAllAsync(h, "bob", limit: 1);

        var messages = items.Where(i => i.Kind == UserDataKinds.Message).Select(i => i.Data.GetProperty("id").GetString()).ToList();
        var expected = new[] { seeded.Group, seeded.Direct, seeded.Left }.SelectMany(h.Store.AllMessages).Where(m => m.SenderId == "bob").Select(m => m.Id);
        Assert.Equal(expected.Order(StringComparer.Ordinal), messages.Order(StringComparer.Ordinal));
        Assert.Equal(3, items.Count(i => i.Kind == UserDataKinds.Member));
        Assert.All(items.Where(i => i.Kind == UserDataKinds.Member), i => Assert.Equal("bob", i.Data.GetProperty("userId").GetString()));
        Assert.All(items.Where(i => i.Kind == UserDataKinds.Attachment), i => Assert.Equal("bob", i.Data.GetProperty("uploaderId").GetString()));
        Assert.Equal(3, items.Count(i => i.Kind == UserDataKinds.UserConversation));
        Assert.DoesNotContain(items, i => i.Data.TryGetProperty("eTag", out _));
        Assert.Equal("gold", items.Single(i => i.Kind == UserDataKinds.Profile).Data.GetProperty("metadata").GetProperty("tier").GetString());
    }

    [Fact]
    public async Task Export_PagesAreBounded_AndTheCursorIsBoundToTheUser()
    {
        var h = new ChatHarness();
        await UserDataScenario.SeedAsync(h);

        var first = await h.Export.GetPageAsync("bob", null, 1, None);
        var misused = await Assert.ThrowsAsync<ChatException>(() => h.Export.GetPageAsync("alice", first.NextCursor, 1, None));
        var damaged = await Assert.ThrowsAsync<ChatException>(() => h.Export.GetPageAsync("bob", first.NextCursor + "x", 1, None));

        Assert.True(first.HasMore);
        Assert.Equal(ErrorCodes.InvalidCursor, misused.Error.Code);
        Assert.Equal(ErrorCodes.InvalidCursor, damaged.Error.Code);
    }

    [Fact]
    public async Task Export_OfAUserWithoutData_IsEmpty()
    {
        var h = new ChatHarness();
        await h.GroupAsync(ChatHarness.Alice, ChatHarness.Carol, ChatHarness.Mallory);

        var items = await ExportAllAsync(h, "bob", limit: 50);

        Assert.Empty(items);
    }

    [Fact]
    public async Task Export_AfterErasure_HoldsOnlyTheRecordOfTheErasure()
    {
        var h = new ChatHarness(new ChatOptions { Server = { ErasureSettleDelay = TimeSpan.Zero, ErasureStepsPerRequest = 1000 } });
        await UserDataScenario.SeedAsync(h);
        await h.Erasure.EraseAsync("bob", None);
        await h.ProjectAllAsync();
        await h.Erasure.EraseAsync("bob", None);

        var items = await ExportAllAsync(h, "bob", limit: 50);

        Assert.Equal([UserDataKinds.Erasure], items.Select(i => i.Kind));
    }

    private static async Task<List<ExportItemDto>> ExportAllAsync(ChatHarness h, string userId, int limit)
    {
        var items = new List<ExportItemDto>();
        string? cursor = null;
        for (var page = 0; page < 500; page++)
        {
            var result = await h.Export.GetPageAsync(userId, cursor, limit, None);
            Assert.True(result.Items.Count <= Math.Max(limit, 10), $"a page of {result.Items.Count}");
            items.AddRange(result.Items);
            if (!result.HasMore)
            {
                return items;
            }

            cursor = result.NextCursor;
        }

        throw new InvalidOperationException("The export did not end.");
    }
}
