using System.Net;
using System.Text.Json;
using Chat.Shared.Domain;
using Chat.Shared.Storage.Cosmos.Documents;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Shared.Storage.Cosmos;

/// <summary>
/// <see cref="IChatStore"/> on Cosmos DB for NoSQL. The <c>chat</c> container holds, per conversation partition, the
/// conversation, its members and delivery positions, its messages and its attachment reservations, so
/// every conversation-level change is one transactional batch; the <c>userConversations</c> container holds each
/// user's list, written by the change-feed projection. Every method opens a <see cref="CosmosRequestMetrics"/> scope
/// and lets no <see cref="CosmosException"/> out. See docs/data-model.md for documents, access paths and costs.
/// </summary>
public sealed class CosmosChatStore(CosmosContainers containers, IOptions<ChatOptions> options, ILogger<CosmosChatStore> logger) : IChatStore
{
    /// <summary>The most operations one transactional batch takes.</summary>
    internal const int MaxBatchOperations = 100;

    private readonly Container _chat = containers.Chat;
    private readonly Container _lists = containers.UserConversations;
    private readonly TimeSpan _pendingUploadLifetime = options.Value.PendingUploadLifetime;
    private readonly TimeSpan _retention = options.Value.Sync.Retention;

    /// <summary>One ReadMany request for the conversation and every named document.</summary>
    public Task<ConversationItems> ReadItemsAsync(string conversationId, ItemKeys keys, CancellationToken cancellationToken) =>
        RunAsync("readItems", async () =>
        {
            var ids = new[] { conversationId }
                .Concat(keys.MemberIds.Select(DocumentTypes.MemberId))
                .Concat(keys.DeliveryIds.Select(DocumentTypes.DeliveryId))
                .Concat(keys.MessageIds)
                .Concat(keys.AttachmentIds)
                .Distinct(StringComparer.Ordinal);
            var key = Key(conversationId);
            var response = await _chat.ReadManyItemsAsync<JsonElement>(ids.Select(id => (id, key)).ToList(), cancellationToken: cancellationToken);
            return ToItems(conversationId, response, keys);
        });

    /// <summary>One single-partition query of the conversation, member and delivery documents.</summary>
    public Task<ConversationState?> GetStateAsync(string conversationId, CancellationToken cancellationToken) =>
        RunAsync("getState", async () =>
        {
            var documents = await QueryAsync<JsonElement>(_chat, CosmosQueries.State(), Key(conversationId), null, cancellationToken);
            var items = ToItems(conversationId, documents, null);
            return items.Conversation is { } conversation
                ? new ConversationState(conversation, items.Members.Values.OrderBy(m => m.JoinedAt).ToList(), items.Deliveries)
                : null;
        });

    /// <summary>One page of a single-partition query served by a composite index; normally one round trip.</summary>
    public Task<IReadOnlyList<Message>> GetMessagesAsync(string conversationId, MessageQuery query, CancellationToken cancellationToken) =>
        RunAsync("history", async () =>
        {
            var definition = query.After is { } after
                ? CosmosQueries.MessagesAfter(after)
                : CosmosQueries.MessagesBefore(query.Before ?? long.MaxValue);
            var documents = await QueryAsync<MessageDocument>(_chat, definition, Key(conversationId), query.Limit, cancellationToken);
            IReadOnlyList<Message> messages = documents.Select(CosmosDocuments.ToMessage).ToList();
            return messages;
        });

    /// <summary>One page of a single-partition query on the range index of <c>change</c>.</summary>
    public Task<IReadOnlyList<ConversationChange>> GetChangesAsync(string conversationId, long after, int limit, CancellationToken cancellationToken) =>
        RunAsync("changes", async () =>
        {
            var documents = await QueryAsync<JsonElement>(_chat, CosmosQueries.ChangesAfter(after), Key(conversationId), limit, cancellationToken);
            IReadOnlyList<ConversationChange> changes = documents.Select(ToChange).OfType<ConversationChange>().ToList();
            return changes;
        });

    /// <summary>
    /// One batch that creates the conversation document first (a 409 on it: the conversation exists), then its members.
    /// A conversation with more members than one batch takes gets its members first, in batches of their own, after a
    /// check that it does not exist; nothing is visible before the conversation document is stored.
    /// </summary>
    public Task<bool> TryCreateConversationAsync(ConversationWrite write, CancellationToken cancellationToken) =>
        RunAsync("createConversation", async () =>
        {
            var conversationId = write.Expected.Id;
            var members = write.Members.Select(m => CosmosDocuments.ToDocument(m.Member, _retention)).ToList();
            var fixedOperations = 1 + write.NewMessages.Count;
            var inFinalBatch = Math.Max(0, MaxBatchOperations - fixedOperations);
            if (members.Count > inFinalBatch)
            {
                if (await ExistsAsync(conversationId, cancellationToken))
                {
                    return false;
                }

                foreach (var chunk in members.Skip(inFinalBatch).Chunk(MaxBatchOperations))
                {
                    var membersBatch = _chat.CreateTransactionalBatch(Key(conversationId));
                    foreach (var member in chunk)
                    {
                        membersBatch = membersBatch.UpsertItem(member);
                    }

                    using var membersResponse = await membersBatch.ExecuteAsync(cancellationToken);
                    EnsureSucceeded(membersResponse, "createConversation");
                }
            }

            var batch = _chat.CreateTransactionalBatch(Key(conversationId))
                .CreateItem(CosmosDocuments.ToDocument(write.StoredConversation));
            foreach (var member in members.Take(inFinalBatch))
            {
                batch = batch.UpsertItem(member);
            }

            foreach (var message in write.NewMessages)
            {
                batch = batch.CreateItem(CosmosDocuments.ToDocument(message with { ETag = null }));
            }

            using var response = await batch.ExecuteAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return true;
            }

            var (index, status) = FailedOperation(response);
            return index == 0 && status == HttpStatusCode.Conflict
                ? false
                : throw CosmosErrors.Translate(status, 0, response.RetryAfter, "createConversation");
        });

    /// <summary>
    /// One transactional batch: the conversation replaced under its ETag first, then the messages, the member documents
    /// and the reservations. The failing operation names the outcome; nothing is written unless all succeed.
    /// </summary>
    public Task<CommitOutcome> TryCommitAsync(ConversationWrite write, CancellationToken cancellationToken) =>
        RunAsync("commit", async () =>
        {
            var conversationId = write.Expected.Id;
            var kinds = new List<CommitOutcome?>();
            var batch = _chat.CreateTransactionalBatch(Key(conversationId))
                .ReplaceItem(conversationId, CosmosDocuments.ToDocument(write.StoredConversation), IfMatch(write.Expected.ETag));
            kinds.Add(CommitOutcome.ConversationChanged);
            foreach (var message in write.NewMessages)
            {
                batch = batch.CreateItem(CosmosDocuments.ToDocument(message with { ETag = null }));
                kinds.Add(CommitOutcome.MessageExists);
            }

            foreach (var message in write.ChangedMessages)
            {
                batch = batch.ReplaceItem(message.Id, CosmosDocuments.ToDocument(message with { ETag = null }), IfMatch(message.ETag));
                kinds.Add(CommitOutcome.MessageChanged);
            }

            foreach (var member in write.Members)
            {
                batch = member.Kind switch
                {
                    MemberWriteKind.Create => batch.CreateItem(CosmosDocuments.ToDocument(member.Member, _retention)),
                    MemberWriteKind.Replace => batch.UpsertItem(CosmosDocuments.ToDocument(member.Member, _retention)),
                    _ => batch.PatchItem(DocumentTypes.MemberId(member.Member.UserId), CosmosQueries.UpdateMembership(member, _retention)),
                };
                kinds.Add(member.Kind == MemberWriteKind.UpdateMembership ? CommitOutcome.ConversationChanged : null);
            }

            if (write.SenderRead is { } read)
            {
                batch = batch.PatchItem(DocumentTypes.MemberId(read.UserId), CosmosQueries.SenderRead(read));
                kinds.Add(CommitOutcome.ConversationChanged);
            }

            foreach (var reservation in write.Reservations)
            {
                batch = batch.ReplaceItem(reservation.Id, CosmosDocuments.ToDocument(reservation with { ETag = null }, _pendingUploadLifetime), IfMatch(reservation.ETag));
                kinds.Add(CommitOutcome.AttachmentChanged);
            }

            if (kinds.Count > MaxBatchOperations)
            {
                throw new InvalidOperationException($"A conversation write of {kinds.Count} operations exceeds one transactional batch.");
            }

            using var response = await batch.ExecuteAsync(cancellationToken);
            return CommitOutcomeOf(response, kinds);
        });

    /// <summary>One patch of the member document, conditional on the server (active member, position still lower).</summary>
    public Task<Member?> TryAdvanceReadAsync(string conversationId, string userId, long sequence, DateTimeOffset at, CancellationToken cancellationToken) =>
        RunAsync("markRead", async () =>
        {
            var patched = await TryPatchAsync<MemberDocument>(conversationId, DocumentTypes.MemberId(userId), CosmosQueries.AdvanceRead(sequence, at), cancellationToken);
            return patched is null ? null : CosmosDocuments.ToMember(patched);
        });

    /// <summary>One patch of the delivery document (position still lower); the first receipt creates it.</summary>
    public Task<Delivery?> TryAdvanceDeliveredAsync(string conversationId, string userId, long sequence, DateTimeOffset at, CancellationToken cancellationToken) =>
        RunAsync("markDelivered", async () =>
        {
            var id = DocumentTypes.DeliveryId(userId);
            var patch = CosmosQueries.AdvanceDelivered(sequence, at);
            try
            {
                var patched = await _chat.PatchItemAsync<DeliveryDocument>(id, Key(conversationId), patch.Operations,
                    new PatchItemRequestOptions { FilterPredicate = patch.FilterPredicate }, cancellationToken);
                return CosmosDocuments.ToDelivery(WithETag(patched.Resource, patched.ETag));
            }
            catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.PreconditionFailed)
            {
                return null;
            }
            catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
            {
                var delivery = new Delivery(conversationId, userId, sequence, at);
                try
                {
                    var created = await _chat.CreateItemAsync(CosmosDocuments.ToDocument(delivery), Key(conversationId), cancellationToken: cancellationToken);
                    return CosmosDocuments.ToDelivery(WithETag(created.Resource, created.ETag));
                }
                catch (CosmosException conflict) when (conflict.StatusCode == HttpStatusCode.Conflict)
                {
                    var patched = await TryPatchAsync<DeliveryDocument>(conversationId, id, patch, cancellationToken);
                    return patched is null ? null : CosmosDocuments.ToDelivery(patched);
                }
            }
        });

    public Task<Member?> TryUpdateSettingsAsync(string conversationId, string userId, MemberSettings settings, CancellationToken cancellationToken) =>
        RunAsync("memberSettings", async () =>
        {
            var patched = await TryPatchAsync<MemberDocument>(conversationId, DocumentTypes.MemberId(userId), CosmosQueries.Settings(settings), cancellationToken);
            return patched is null ? null : CosmosDocuments.ToMember(patched);
        });

    public Task<bool> TryCreateAttachmentAsync(AttachmentReservation reservation, CancellationToken cancellationToken) =>
        RunAsync("reserveAttachment", async () =>
        {
            try
            {
                await _chat.CreateItemAsync(
                    CosmosDocuments.ToDocument(reservation with { ETag = null }, _pendingUploadLifetime), Key(reservation.ConversationId), NoContent(), cancellationToken);
                return true;
            }
            catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
            {
                return false;
            }
        });

    public Task<IReadOnlyList<AttachmentReservation>> GetAbandonedAttachmentsAsync(
        DateTimeOffset uploadExpiredBefore, int limit, CancellationToken cancellationToken) =>
        RunAsync("abandonedUploads", async () =>
        {
            var query = CosmosQueries.AbandonedAttachments(uploadExpiredBefore, limit);
            var documents = await CosmosCalls.QueryAcrossPartitionsAsync<AttachmentDocument>(_chat, query, limit, cancellationToken);
            IReadOnlyList<AttachmentReservation> result = documents.Select(CosmosDocuments.ToReservation).ToList();
            return result;
        });

    public Task<bool> TryDeleteAttachmentAsync(AttachmentReservation reservation, CancellationToken cancellationToken) =>
        RunAsync("deleteAbandonedUpload", async () =>
        {
            try
            {
                await _chat.DeleteItemAsync<AttachmentDocument>(reservation.Id, Key(reservation.ConversationId),
                    new ItemRequestOptions { IfMatchEtag = reservation.ETag }, cancellationToken);
                return true;
            }
            catch (CosmosException ex) when (ex.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
            {
                return false;
            }
        });

    public Task<IReadOnlyList<UserConversation>> GetUserConversationsAsync(
        string userId, ListQuery query, ConversationListPosition? after, int limit, CancellationToken cancellationToken) =>
        ListQueryAsync("listConversations", userId, CosmosQueries.UserConversations(query, after), limit, cancellationToken);

    public Task<IReadOnlyList<UserConversation>> GetUnreadConversationsAsync(string userId, CancellationToken cancellationToken) =>
        ListQueryAsync("unread", userId, CosmosQueries.UnreadConversations(), null, cancellationToken);

    public Task<IReadOnlyList<UserConversation>> GetListChangesAsync(string userId, SyncPosition after, int limit, CancellationToken cancellationToken) =>
        ListQueryAsync("sync", userId, CosmosQueries.ListChanges(after), limit, cancellationToken);

    /// <summary>One query in the user's partition (range index on folder), every page.</summary>
    public Task<IReadOnlyList<string>> GetActiveConversationIdsAsync(string userId, CancellationToken cancellationToken) =>
        RunAsync("activeConversations", async () =>
        {
            IReadOnlyList<string> ids = await QueryAsync<string>(_lists, CosmosQueries.ActiveConversationIds(), Key(userId), null, cancellationToken);
            return ids;
        });

    /// <summary>One query in the user's partition over the user's active entries; no candidates, no request.</summary>
    public Task<IReadOnlySet<string>> GetSharedUsersAsync(string userId, IReadOnlyCollection<string> candidateIds, CancellationToken cancellationToken) =>
        candidateIds.Count == 0
            ? Task.FromResult<IReadOnlySet<string>>(new HashSet<string>(StringComparer.Ordinal))
            : RunAsync("sharedUsers", async () =>
            {
                var ids = await QueryAsync<string>(_lists, CosmosQueries.SharedUsers(candidateIds), Key(userId), null, cancellationToken);
                IReadOnlySet<string> shared = ids.ToHashSet(StringComparer.Ordinal);
                return shared;
            });

    /// <summary>
    /// One conditional patch whose filter predicate passes only a newer version; no entry yet: create it (a concurrent
    /// create: patch once more). The change-feed projection's write, never on a request path.
    /// </summary>
    public Task<bool> TryPutListEntryAsync(UserConversation entry, CancellationToken cancellationToken) =>
        RunAsync("putListEntry", async () =>
        {
            var document = CosmosDocuments.ToDocument(entry, _retention);
            return await CosmosCalls.PatchOrCreateAsync(
                _lists, document.Id, Key(entry.UserId), CosmosQueries.ListEntry(document), document, logger, cancellationToken);
        });

    /// <summary>The outcome of a failed commit from the failing operation (the others report 424).</summary>
    internal static CommitOutcome CommitOutcomeOf(TransactionalBatchResponse response, IReadOnlyList<CommitOutcome?> kinds)
    {
        if (response.IsSuccessStatusCode)
        {
            return CommitOutcome.Committed;
        }

        var (index, status) = FailedOperation(response);
        var kind = index >= 0 && index < kinds.Count ? kinds[index] : null;
        return (kind, status) switch
        {
            (CommitOutcome.MessageExists, HttpStatusCode.Conflict) => CommitOutcome.MessageExists,
            (CommitOutcome.ConversationChanged or CommitOutcome.MessageChanged or CommitOutcome.AttachmentChanged,
                HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound) => kind.Value,
            _ => throw CosmosErrors.Translate(status, 0, response.RetryAfter, "commit"),
        };
    }

    internal static (int Index, HttpStatusCode Status) FailedOperation(TransactionalBatchResponse response)
    {
        for (var i = 0; i < response.Count; i++)
        {
            var status = response[i].StatusCode;
            if (status != HttpStatusCode.FailedDependency && (int)status >= 300)
            {
                return (i, status);
            }
        }

        return (-1, response.StatusCode);
    }

    private static void EnsureSucceeded(TransactionalBatchResponse response, string operation)
    {
        if (!response.IsSuccessStatusCode)
        {
            var (_, status) = FailedOperation(response);
            throw CosmosErrors.Translate(status, 0, response.RetryAfter, operation);
        }
    }

    private static ConversationItems ToItems(string conversationId, IEnumerable<JsonElement> documents, ItemKeys? keys)
    {
        Conversation? conversation = null;
        var members = new Dictionary<string, Member>(StringComparer.Ordinal);
        var deliveries = new Dictionary<string, Delivery>(StringComparer.Ordinal);
        var messages = new Dictionary<string, Message>(StringComparer.Ordinal);
        var attachments = new Dictionary<string, AttachmentReservation>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            switch (CosmosDocuments.TypeOf(document))
            {
                case DocumentTypes.Conversation:
                    conversation = CosmosDocuments.ToConversation(CosmosDocuments.Read<ConversationDocument>(document));
                    break;
                case DocumentTypes.Member:
                    var member = CosmosDocuments.ToMember(CosmosDocuments.Read<MemberDocument>(document));
                    members[member.UserId] = member;
                    break;
                case DocumentTypes.Delivery:
                    var delivery = CosmosDocuments.ToDelivery(CosmosDocuments.Read<DeliveryDocument>(document));
                    deliveries[delivery.UserId] = delivery;
                    break;
                case DocumentTypes.Message when keys is null || keys.MessageIds.Count > 0:
                    var message = CosmosDocuments.ToMessage(CosmosDocuments.Read<MessageDocument>(document));
                    messages[message.Id] = message;
                    break;
                case DocumentTypes.Attachment when keys is null || keys.AttachmentIds.Count > 0:
                    var reservation = CosmosDocuments.ToReservation(CosmosDocuments.Read<AttachmentDocument>(document));
                    attachments[reservation.Id] = reservation;
                    break;
            }
        }

        return new ConversationItems(conversation?.Id == conversationId ? conversation : null, members, deliveries, messages, attachments);
    }

    private static ConversationChange? ToChange(JsonElement document) => CosmosDocuments.TypeOf(document) switch
    {
        DocumentTypes.Message when CosmosDocuments.Read<MessageDocument>(document) is var m => new ConversationChange(m.Change, Message: CosmosDocuments.ToMessage(m)),
        DocumentTypes.Member when CosmosDocuments.Read<MemberDocument>(document) is var m => new ConversationChange(m.Change, Member: CosmosDocuments.ToMember(m)),
        DocumentTypes.Conversation when CosmosDocuments.Read<ConversationDocument>(document) is var c => new ConversationChange(c.Change, Conversation: CosmosDocuments.ToConversation(c)),
        _ => null,
    };

    private async Task<bool> ExistsAsync(string conversationId, CancellationToken cancellationToken)
    {
        using var response = await _chat.ReadItemStreamAsync(conversationId, Key(conversationId), cancellationToken: cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => true,
            HttpStatusCode.NotFound => false,
            var status => throw CosmosErrors.Translate(status, 0, null, "createConversation"),
        };
    }

    /// <summary>A conditional patch of one document of a conversation; null when its filter predicate failed or the document is missing.</summary>
    private async Task<T?> TryPatchAsync<T>(string conversationId, string id, ConditionalPatch patch, CancellationToken cancellationToken)
        where T : class, IETagged
    {
        try
        {
            var response = await _chat.PatchItemAsync<T>(id, Key(conversationId), patch.Operations,
                new PatchItemRequestOptions { FilterPredicate = patch.FilterPredicate }, cancellationToken);
            return WithETag(response.Resource, response.ETag);
        }
        catch (CosmosException ex) when (ex.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private Task<IReadOnlyList<UserConversation>> ListQueryAsync(
        string operation, string userId, QueryDefinition query, int? limit, CancellationToken cancellationToken) =>
        RunAsync(operation, async () =>
        {
            var documents = await QueryAsync<UserConversationDocument>(_lists, query, Key(userId), limit, cancellationToken);
            IReadOnlyList<UserConversation> entries = documents.Select(CosmosDocuments.ToUserConversation).ToList();
            return entries;
        });

    /// <summary>Up to <paramref name="limit"/> items of a single-partition query: one page in the common case.</summary>
    private static async Task<List<T>> QueryAsync<T>(Container container, QueryDefinition query, PartitionKey key, int? limit, CancellationToken cancellationToken)
    {
        // Single partition: optimistic direct execution sends the query straight to the partition (no query-plan request).
        var requestOptions = new QueryRequestOptions { PartitionKey = key, MaxItemCount = limit ?? -1, EnableOptimisticDirectExecution = true };
        using var iterator = container.GetItemQueryIterator<T>(query, requestOptions: requestOptions);
        var items = new List<T>();
        while (iterator.HasMoreResults && (limit is null || items.Count < limit))
        {
            var page = await iterator.ReadNextAsync(cancellationToken);
            items.AddRange(limit is null ? page : page.Take(limit.Value - items.Count));
        }

        return items;
    }

    private Task<T> RunAsync<T>(string operation, Func<Task<T>> action) => CosmosCalls.RunAsync(operation, logger, action);

    private static PartitionKey Key(string value) => CosmosCalls.Key(value);

    private static ItemRequestOptions NoContent() => CosmosCalls.NoContent();

    private static TransactionalBatchItemRequestOptions IfMatch(string? etag) => new() { IfMatchEtag = etag };

    /// <summary>The response's ETag on the document (point reads and patches carry it in the headers).</summary>
    private static T WithETag<T>(T document, string? etag)
        where T : IETagged
    {
        document.ETag = etag ?? document.ETag;
        return document;
    }
}
