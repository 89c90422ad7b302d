using System.Net;
using System.Text.Json;
using Chat.Shared.Domain;
using Chat.Shared.Storage.Cosmos.Documents;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Shared.Storage.Cosmos;

/// <summary>
/// <see cref="IProfileStore"/> on Cosmos DB: the <c>users</c> container (per user: the profile, conversation references,
/// the erasure) and the <c>directory</c> container (per name bucket: the listed users). See docs/data-model.md.
/// </summary>
public sealed class CosmosProfileStore(CosmosContainers containers, IOptions<ChatOptions> options, ILogger<CosmosProfileStore> logger) : IProfileStore
{
    private readonly Container _users = containers.Users;
    private readonly Container _directory = containers.Directory;
    private readonly TimeSpan _completedErasureRetention = options.Value.Sync.Retention;

    /// <summary>One ReadMany of the two fixed-id documents in the user's partition.</summary>
    public Task<UserRecord> ReadUserAsync(string userId, CancellationToken cancellationToken) =>
        RunAsync("readUser", async () =>
        {
            var key = Key(userId);
            var response = await _users.ReadManyItemsAsync<JsonElement>(
                [(DocumentTypes.ProfileId, key), (DocumentTypes.ErasureId, key)], cancellationToken: cancellationToken);
            UserProfile? profile = null;
            ErasureJob? erasure = null;
            foreach (var document in response)
            {
                switch (CosmosDocuments.TypeOf(document))
                {
                    case DocumentTypes.Profile:
                        profile = CosmosUserDocuments.ToProfile(CosmosDocuments.Read<ProfileDocument>(document));
                        break;
                    case DocumentTypes.Erasure:
                        erasure = CosmosUserDocuments.ToErasure(CosmosDocuments.Read<ErasureDocument>(document));
                        break;
                }
            }

            return new UserRecord(profile, erasure);
        });

    /// <summary>One point read per user, in parallel.</summary>
    public Task<IReadOnlyList<UserProfile>> GetProfilesAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken) =>
        RunAsync("getProfiles", async () =>
        {
            var reads = userIds.Distinct(StringComparer.Ordinal).Select(async id =>
            {
                using var response = await _users.ReadItemStreamAsync(DocumentTypes.ProfileId, Key(id), cancellationToken: cancellationToken);
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    return null;
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw CosmosErrors.Translate(response.StatusCode, 0, null, "getProfiles");
                }

                var document = await JsonSerializer.DeserializeAsync<ProfileDocument>(response.Content, CosmosJson.Options, cancellationToken);
                return document is null ? null : CosmosUserDocuments.ToProfile(document);
            });
            IReadOnlyList<UserProfile> profiles = (await Task.WhenAll(reads)).OfType<UserProfile>().ToList();
            return profiles;
        });

    public Task<bool> TryPutProfileAsync(UserProfile profile, CancellationToken cancellationToken) =>
        RunAsync("putProfile", async () =>
        {
            var document = CosmosUserDocuments.ToDocument(profile);
            try
            {
                if (profile.ETag is null)
                {
                    await _users.CreateItemAsync(document, Key(profile.UserId), CosmosCalls.NoContent(), cancellationToken);
                }
                else
                {
                    await _users.ReplaceItemAsync(document, document.Id, Key(profile.UserId),
                        new ItemRequestOptions { IfMatchEtag = profile.ETag, EnableContentResponseOnWrite = false }, cancellationToken);
                }

                return true;
            }
            catch (CosmosException ex) when (ex.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
            {
                return false;
            }
        });

    public Task<bool> TryMarkProjectedAsync(string userId, long version, IReadOnlyList<string> directoryBuckets, CancellationToken cancellationToken) =>
        RunAsync("markProfileProjected", async () =>
        {
            var patch = CosmosUserQueries.ProfileProjected(version, directoryBuckets);
            try
            {
                await _users.PatchItemAsync<ProfileDocument>(DocumentTypes.ProfileId, Key(userId), patch.Operations,
                    new PatchItemRequestOptions { FilterPredicate = patch.FilterPredicate, EnableContentResponseOnWrite = false }, cancellationToken);
                return true;
            }
            catch (CosmosException ex) when (ex.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
            {
                return false;
            }
        });

    public Task<bool> DeleteProfileAsync(string userId, CancellationToken cancellationToken) =>
        RunAsync("deleteProfile", () => CosmosCalls.DeleteAsync(_users, DocumentTypes.ProfileId, Key(userId), "deleteProfile", cancellationToken));

    public Task PutConversationRefAsync(ConversationRef reference, CancellationToken cancellationToken) =>
        RunAsync("putConversationRef", async () =>
        {
            try
            {
                await _users.CreateItemAsync(CosmosUserDocuments.ToDocument(reference), Key(reference.UserId), CosmosCalls.NoContent(), cancellationToken);
            }
            catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
            {
                // Recorded before: the first time the user was seen in the conversation stays.
            }

            return true;
        });

    public Task<IReadOnlyList<ConversationRef>> GetConversationRefsAsync(
        string userId, string? afterConversationId, int limit, CancellationToken cancellationToken) =>
        RunAsync("conversationRefs", async () =>
        {
            var documents = await CosmosCalls.QueryPartitionAsync<ConversationRefDocument>(
                _users, CosmosUserQueries.ConversationRefs(afterConversationId), Key(userId), limit, cancellationToken);
            IReadOnlyList<ConversationRef> references = documents.Select(CosmosUserDocuments.ToReference).ToList();
            return references;
        });

    public Task<ConversationRef?> GetConversationRefAsync(string userId, string conversationId, CancellationToken cancellationToken) =>
        RunAsync("getConversationRef", async () =>
        {
            using var response = await _users.ReadItemStreamAsync(DocumentTypes.ConversationRefId(conversationId), Key(userId), cancellationToken: cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw CosmosErrors.Translate(response.StatusCode, 0, null, "getConversationRef");
            }

            var document = await JsonSerializer.DeserializeAsync<ConversationRefDocument>(response.Content, CosmosJson.Options, cancellationToken);
            return document is null ? null : CosmosUserDocuments.ToReference(document);
        });

    public Task<bool> DeleteConversationRefAsync(string userId, string conversationId, CancellationToken cancellationToken) =>
        RunAsync("deleteConversationRef", () =>
            CosmosCalls.DeleteAsync(_users, DocumentTypes.ConversationRefId(conversationId), Key(userId), "deleteConversationRef", cancellationToken));

    public Task<ErasureJob?> TryPutErasureAsync(ErasureJob job, CancellationToken cancellationToken) =>
        RunAsync("putErasure", async () =>
        {
            var document = CosmosUserDocuments.ToDocument(job, _completedErasureRetention);
            try
            {
                var response = job.ETag is null
                    ? await _users.CreateItemAsync(document, Key(job.UserId), CosmosCalls.NoContent(), cancellationToken)
                    : await _users.ReplaceItemAsync(document, document.Id, Key(job.UserId),
                        new ItemRequestOptions { IfMatchEtag = job.ETag, EnableContentResponseOnWrite = false }, cancellationToken);
                return job with { ETag = response.ETag };
            }
            catch (CosmosException ex) when (ex.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
            {
                return null;
            }
        });

    public Task<IReadOnlyList<ErasureJob>> GetRunningErasuresAsync(int limit, CancellationToken cancellationToken) =>
        RunAsync("runningErasures", async () =>
        {
            var documents = await CosmosCalls.QueryAcrossPartitionsAsync<ErasureDocument>(
                _users, CosmosUserQueries.RunningErasures(limit), limit, cancellationToken);
            IReadOnlyList<ErasureJob> jobs = documents.Select(CosmosUserDocuments.ToErasure).ToList();
            return jobs;
        });

    /// <summary>One conditional patch that passes only a newer version; no entry yet: create it (a concurrent create: patch once more).</summary>
    public Task<bool> TryPutDirectoryEntryAsync(DirectoryEntry entry, CancellationToken cancellationToken) =>
        RunAsync("putDirectoryEntry", async () =>
        {
            var document = CosmosUserDocuments.ToDocument(entry);
            return await CosmosCalls.PatchOrCreateAsync(
                _directory, document.Id, Key(entry.Bucket), CosmosUserQueries.DirectoryEntry(document), document, logger, cancellationToken);
        });

    public Task<DirectoryEntry?> GetDirectoryEntryAsync(string bucket, string userId, CancellationToken cancellationToken) =>
        RunAsync("getDirectoryEntry", async () =>
        {
            using var response = await _directory.ReadItemStreamAsync(userId, Key(bucket), cancellationToken: cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw CosmosErrors.Translate(response.StatusCode, 0, null, "getDirectoryEntry");
            }

            var document = await JsonSerializer.DeserializeAsync<DirectoryEntryDocument>(response.Content, CosmosJson.Options, cancellationToken);
            return document is null ? null : CosmosUserDocuments.ToEntry(document);
        });

    public Task<bool> DeleteDirectoryEntryAsync(string bucket, string userId, CancellationToken cancellationToken) =>
        RunAsync("deleteDirectoryEntry", () => CosmosCalls.DeleteAsync(_directory, userId, Key(bucket), "deleteDirectoryEntry", cancellationToken));

    public Task<IReadOnlyList<DirectoryEntry>> SearchDirectoryAsync(
        string bucket, string prefix, DirectoryPosition? after, int limit, CancellationToken cancellationToken) =>
        RunAsync("searchDirectory", async () =>
        {
            var documents = await CosmosCalls.QueryPartitionAsync<DirectoryEntryDocument>(
                _directory, CosmosUserQueries.DirectorySearch(prefix, after), Key(bucket), limit, cancellationToken);
            IReadOnlyList<DirectoryEntry> entries = documents.Select(CosmosUserDocuments.ToEntry).ToList();
            return entries;
        });

    private Task<T> RunAsync<T>(string operation, Func<Task<T>> action) => CosmosCalls.RunAsync(operation, logger, action);

    private static PartitionKey Key(string value) => CosmosCalls.Key(value);
}
