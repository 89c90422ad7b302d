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
            var covered = policy.IncludedPaths.Any(p => p.Path == $"/{name}/?" || p.Path == $"/{name}/*" || p.Path == "/*");
            Assert.True(covered, $"'{query}' uses c.{name}, which the {container} indexing policy does not include.");
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
