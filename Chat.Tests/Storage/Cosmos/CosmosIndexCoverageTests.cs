using System.Text.RegularExpressions;
using Chat.Shared.Domain;
using Chat.Shared.Storage;
using Chat.Shared.Storage.Cosmos;
using Microsoft.Azure.Cosmos;

namespace Chat.Tests.Storage.Cosmos;

/// <summary>
/// Every query the store sends filters and sorts only on indexed paths: the containers exclude <c>/*</c>, so a query on a
/// path missing from the policy would scan (or, with ORDER BY, fail outright on Cosmos DB). The queries come from
/// <see cref="CosmosQueries"/> and the policy from infra/cosmos-containers.json, so a change to either is checked here.
/// </summary>
public sealed partial class CosmosIndexCoverageTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string> Queries() => new()
    {
        { CosmosContainerDefinitions.ChatContainer, CosmosQueries.MessagesBefore(10).QueryText },
        { CosmosContainerDefinitions.ChatContainer, CosmosQueries.MessagesAfter(10).QueryText },
        { CosmosContainerDefinitions.ChatContainer, CosmosQueries.State().QueryText },
        { CosmosContainerDefinitions.ChatContainer, CosmosQueries.ChangesAfter(10).QueryText },
        { CosmosContainerDefinitions.ChatContainer, CosmosQueries.AbandonedAttachments(At, 10).QueryText },
        { CosmosContainerDefinitions.TypingContainer, CosmosQueries.DueTypingStates(1, 10).QueryText },
        { CosmosContainerDefinitions.EventsContainer, CosmosQueries.DueNotifications(1, 10).QueryText },
        { CosmosContainerDefinitions.UserConversationsContainer, CosmosQueries.UserConversations(ListQuery.Inbox, null).QueryText },
        {
            CosmosContainerDefinitions.UserConversationsContainer,
            CosmosQueries.UserConversations(new ListQuery(ListFolder.Archived, "k", new("team", "a")), new ConversationListPosition(At, "c1")).QueryText
        },
        { CosmosContainerDefinitions.UserConversationsContainer, CosmosQueries.UnreadConversations().QueryText },
        { CosmosContainerDefinitions.UserConversationsContainer, CosmosQueries.ListChanges(new SyncPosition(At, "c1")).QueryText },
        { CosmosContainerDefinitions.UserConversationsContainer, CosmosQueries.ActiveConversationIds().QueryText },
        { CosmosContainerDefinitions.UserConversationsContainer, CosmosQueries.SharedUsers(["bob", "carol"]).QueryText },
        { CosmosContainerDefinitions.PresenceContainer, CosmosQueries.DuePresence(1, 10).QueryText },
        { CosmosContainerDefinitions.UsersContainer, CosmosUserQueries.ConversationRefs("c1").QueryText },
        { CosmosContainerDefinitions.UsersContainer, CosmosUserQueries.RunningErasures(10).QueryText },
        { CosmosContainerDefinitions.DirectoryContainer, CosmosUserQueries.DirectorySearch("al", null).QueryText },
        { CosmosContainerDefinitions.DirectoryContainer, CosmosUserQueries.DirectorySearch("al", new DirectoryPosition("al", "alice", "u1")).QueryText },
        { CosmosContainerDefinitions.ChatContainer, CosmosUserQueries.Memberships("u1", "c1", 1).QueryText },
        { CosmosContainerDefinitions.ChatContainer, CosmosUserQueries.MessagesBySender("u1", 3).QueryText },
        { CosmosContainerDefinitions.ChatContainer, CosmosUserQueries.AttachmentsByUploader("u1").QueryText },
        { CosmosContainerDefinitions.UserConversationsContainer, CosmosUserQueries.AllListEntries(null).QueryText },
        { CosmosContainerDefinitions.UserConversationsContainer, CosmosUserQueries.AllListEntries(new ConversationListPosition(At, "c1")).QueryText },
    };

    /// <summary>
    /// Paths a query reads without an index on purpose, with the one query that may: <c>GET /api/presence</c> walks the
    /// participant lists of the caller's own active list entries (one partition, picked by the folder index), because
    /// indexing those lists would cost every projection write of every member.
    /// </summary>
    private static readonly Dictionary<string, string> DeliberatelyUnindexed = new(StringComparer.Ordinal)
    {
        [CosmosQueries.SharedUsers(["bob"]).QueryText] = "summary",
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void EveryPathAQueryFiltersOrSortsOn_IsIndexed(string container, string query)
    {
        var policy = Policy(container);
        var paths = PropertyReference().Matches(query).Select(m => m.Groups["name"].Value).Distinct().ToList();

        Assert.NotEmpty(paths);
        foreach (var name in paths)
        {
            var covered = policy.IncludedPaths.Any(p => p.Path == $"/{name}/?" || p.Path == $"/{name}/*" || p.Path == "/*")
                || (DeliberatelyUnindexed.TryGetValue(query, out var unindexed) && unindexed == name);
            Assert.True(covered, $"'{query}' uses c.{name}, which the {container} indexing policy does not include.");
        }
    }

    [Fact]
    public void DeliberatelyUnindexedReads_StillFilterOnAnIndexedPath_AndNameAPathTheyUse()
    {
        var policy = Policy(CosmosContainerDefinitions.UserConversationsContainer);
        foreach (var (query, unindexed) in DeliberatelyUnindexed)
        {
            var where = query[query.IndexOf(" WHERE ", StringComparison.Ordinal)..];
            var filtered = PropertyReference().Matches(where).Select(m => m.Groups["name"].Value).ToList();

            Assert.Contains(unindexed, PropertyReference().Matches(query).Select(m => m.Groups["name"].Value));
            Assert.Contains(filtered, name => policy.IncludedPaths.Any(p => p.Path == $"/{name}/?"));
        }
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public void EveryMultiPathOrderBy_HasAMatchingCompositeIndex(string container, string query)
    {
        var orderBy = OrderBy().Match(query);
        if (!orderBy.Success)
        {
            return;
        }

        var terms = orderBy.Groups["terms"].Value.Split(',', StringSplitOptions.TrimEntries)
            .Select(term => term.Split(' '))
            .Select(parts => (Path: "/" + parts[0]["c.".Length..], Descending: parts.Length > 1 && parts[1] == "DESC"))
            .ToList();
        if (terms.Count == 1)
        {
            Assert.Contains(Policy(container).IncludedPaths, p => p.Path == terms[0].Path + "/?");
            return;
        }

        // Cosmos DB serves an ORDER BY from a composite index with the same paths in the same order, all orders equal or all reversed.
        var matches = Policy(container).CompositeIndexes.Any(index =>
            index.Count == terms.Count
            && (index.Select((p, i) => p.Path == terms[i].Path && (p.Order == CompositePathSortOrder.Descending) == terms[i].Descending).All(x => x)
                || index.Select((p, i) => p.Path == terms[i].Path && (p.Order == CompositePathSortOrder.Descending) != terms[i].Descending).All(x => x)));
        Assert.True(matches, $"No composite index of {container} serves '{orderBy.Value}'.");
    }

    private static IndexingPolicy Policy(string container) =>
        CosmosContainerDefinitions.ToContainerProperties(CosmosContainerDefinitions.Get(container)).IndexingPolicy;

    [GeneratedRegex(@"\bc\.(?<name>[A-Za-z]+)")]
    private static partial Regex PropertyReference();

    [GeneratedRegex(@"ORDER BY (?<terms>.+)$")]
    private static partial Regex OrderBy();
}
