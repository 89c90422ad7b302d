using System.Text.Json;
using Chat.Shared.Storage.Cosmos;
using Microsoft.Azure.Functions.Worker;

namespace Chat.Functions.Functions;

/// <summary>
/// Profiles reach every conversation and the directory through two change-feed triggers, never the request path:
/// <list type="bullet">
/// <item><c>ProjectProfiles</c> (container <c>users</c>): a changed profile is copied into the user's member documents
/// and directory entry (<c>ProfileProjector</c>).</item>
/// <item><c>FillMemberProfiles</c> (container <c>chat</c>, its own leases beside the list projection's): a new member
/// gets the current profile and a conversation reference (<c>MemberProfileFill</c>).</item>
/// </list>
/// Each has its own lease prefix in the shared <c>leases</c> container, so each follows its feed at its own pace. A batch
/// that fails throws; the function-level retry policy runs it again (indefinitely, backing off up to 5 minutes), so no
/// change is dropped, and both converge under replays. With no lease yet they start from the beginning of the container.
/// </summary>
public sealed class ProfileFeedFunction(ProfileChangeFeed feed)
{
    /// <summary>The lease prefix of <see cref="ProjectProfiles"/>.</summary>
    public const string ProfilesLeasePrefix = "profiles:";

    /// <summary>The lease prefix of <see cref="FillMemberProfiles"/> (the list projection on the same container has none).</summary>
    public const string MemberProfilesLeasePrefix = "memberProfiles:";

    [Function(nameof(ProjectProfiles))]
    [ExponentialBackoffRetry(-1, "00:00:01", "00:05:00")]
    public Task ProjectProfiles(
        [CosmosDBTrigger("%Chat:Cosmos:DatabaseName%", CosmosContainerDefinitions.UsersContainer,
            Connection = "CosmosDb",
            LeaseContainerName = CosmosContainerDefinitions.LeasesContainer,
            LeaseContainerPrefix = ProfilesLeasePrefix,
            CreateLeaseContainerIfNotExists = false,
            StartFromBeginning = true)]
        IReadOnlyList<JsonElement> documents,
        CancellationToken cancellationToken) =>
        feed.HandleUsersAsync(documents, cancellationToken);

    [Function(nameof(FillMemberProfiles))]
    [ExponentialBackoffRetry(-1, "00:00:01", "00:05:00")]
    public Task FillMemberProfiles(
        [CosmosDBTrigger("%Chat:Cosmos:DatabaseName%", CosmosContainerDefinitions.ChatContainer,
            Connection = "CosmosDb",
            LeaseContainerName = CosmosContainerDefinitions.LeasesContainer,
            LeaseContainerPrefix = MemberProfilesLeasePrefix,
            CreateLeaseContainerIfNotExists = false,
            StartFromBeginning = true)]
        IReadOnlyList<JsonElement> documents,
        CancellationToken cancellationToken) =>
        feed.HandleChatAsync(documents, cancellationToken);
}
