using System.Net;
using Chat.Shared.Domain;
using Chat.Shared.Storage.Cosmos.Documents;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Shared.Storage.Cosmos;

/// <summary>
/// <see cref="IChatStore"/> on Cosmos DB for NoSQL. The <c>chat</c> container holds, per conversation partition, the
/// conversation document, its messages and its attachment reservations, so a send is one transactional batch;
/// the <c>userConversations</c> container holds each user's list, written by the change-feed projection.
/// Every method opens a <see cref="CosmosRequestMetrics"/> scope and lets no <see cref="CosmosException"/> out.
/// See docs/data-model.md for the access paths, round trips and request charges.
/// </summary>
public sealed class CosmosChatStore(CosmosContainers containers, IOptions<ChatOptions> options, ILogger<CosmosChatStore> logger) : IChatStore
{
    /// <summary>Attempts of a position advance that lost a race against another write of the same participant.</summary>
    internal const int MaxPositionAttempts = 4;

    private readonly Container _chat = containers.Chat;
    private readonly Container _lists = containers.UserConversations;
    private readonly TimeSpan _pendingUploadLifetime = options.Value.PendingUploadLifetime;

    public Task<Conversation?> GetConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        RunAsync("getConversation", async () =>
        {
            var document = await ReadConversationAsync(conversationId, cancellationToken);
            return document is null ? null : CosmosDocuments.ToConversation(document);
        });

    public Task<bool> TryCreateConversationAsync(Conversation conversation, CancellationToken cancellationToken) =>
        RunAsync("createConversation", async () =>
        {
            try
            {
                await _chat.CreateItemAsync(CosmosDocuments.ToDocument(conversation with { ETag = null }), Key(conversation.Id), NoContent(), cancellationToken);
                return true;
            }
            catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
            {
                return false;
            }
        });

    /// <summary>One transactional batch: create the message first, then replace the conversation and each reservation under its ETag.</summary>
    public Task<AppendOutcome> TryAppendMessageAsync(
        Conversation conversation, Message message, IReadOnlyList<AttachmentReservation> attachments, CancellationToken cancellationToken) =>
        RunAsync("send", async () =>
        {
            var batch = _chat.CreateTransactionalBatch(Key(conversation.Id))
                .CreateItem(CosmosDocuments.ToDocument(message with { ETag = null }))
                .ReplaceItem(conversation.Id, CosmosDocuments.ToDocument(conversation with { ETag = null }), IfMatch(conversation.ETag));
            foreach (var attachment in attachments)
            {
                batch = batch.ReplaceItem(
                    attachment.Id, CosmosDocuments.ToDocument(attachment with { ETag = null }, _pendingUploadLifetime), IfMatch(attachment.ETag));
            }

            using var response = await batch.ExecuteAsync(cancellationToken);
            return AppendOutcomeOf(response);
        });

    public Task<Message?> GetMessageAsync(string conversationId, string messageId, CancellationToken cancellationToken) =>
        RunAsync("getMessage", async () =>
        {
            try
            {
                var response = await _chat.ReadItemAsync<MessageDocument>(messageId, Key(conversationId), cancellationToken: cancellationToken);
                return response.Resource.Type == DocumentTypes.Message ? CosmosDocuments.ToMessage(WithETag(response.Resource, response.ETag)) : null;
            }
            catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
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

    public Task<bool> TryReplaceMessageAsync(Message message, Conversation? conversation, CancellationToken cancellationToken) =>
        RunAsync("replaceMessage", async () =>
        {
            var document = CosmosDocuments.ToDocument(message with { ETag = null });
            if (conversation is null)
            {
                try
                {
                    await _chat.ReplaceItemAsync(document, message.Id, Key(message.ConversationId),
                        new ItemRequestOptions { IfMatchEtag = message.ETag, EnableContentResponseOnWrite = false }, cancellationToken);
                    return true;
                }
                catch (CosmosException ex) when (ex.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
                {
                    return false;
                }
            }

            using var response = await _chat.CreateTransactionalBatch(Key(message.ConversationId))
                .ReplaceItem(message.Id, document, IfMatch(message.ETag))
                .ReplaceItem(conversation.Id, CosmosDocuments.ToDocument(conversation with { ETag = null }), IfMatch(conversation.ETag))
                .ExecuteAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return true;
            }

            var failed = FailedOperation(response);
            return failed.Status is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound
                ? false
                : throw CosmosErrors.Translate(failed.Status, 0, response.RetryAfter, "replaceMessage");
        });

    /// <summary>
    /// Patches only the participant's position fields, at the array index found in the caller's snapshot, under a
    /// filter predicate that re-checks on the server that the entry still belongs to the user and the position is
    /// still lower: one request in the common case. No ETag: a concurrent send or another participant's receipt
    /// does not make it fail. A 412 means this participant's entry changed meanwhile: read the conversation and
    /// either stop (already there) or retry (bounded).
    /// </summary>
    public Task<Conversation?> AdvancePositionAsync(
        Conversation conversation, string userId, PositionKind kind, long sequence, DateTimeOffset at, CancellationToken cancellationToken) =>
        RunAsync(kind == PositionKind.Read ? "markRead" : "markDelivered", async () =>
        {
            Conversation? snapshot = conversation;
            for (var attempt = 0; attempt < MaxPositionAttempts; attempt++)
            {
                if (attempt > 0)
                {
                    var document = await ReadConversationAsync(conversation.Id, cancellationToken);
                    snapshot = document is null ? null : CosmosDocuments.ToConversation(document);
                }

                var index = snapshot is null ? -1 : IndexOf(snapshot, userId);
                if (snapshot is null || index < 0)
                {
                    return null;
                }

                var participant = snapshot.Participants[index];
                if ((kind == PositionKind.Read ? participant.ReadSequence : participant.DeliveredSequence) >= sequence)
                {
                    return null;
                }

                var patch = CosmosQueries.AdvancePosition(index, userId, kind, sequence, at, participant.DeliveredSequence);
                try
                {
                    var response = await _chat.PatchItemAsync<ConversationDocument>(
                        conversation.Id, Key(conversation.Id), patch.Operations,
                        new PatchItemRequestOptions { FilterPredicate = patch.FilterPredicate }, cancellationToken);
                    return CosmosDocuments.ToConversation(WithETag(response.Resource, response.ETag));
                }
                catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.PreconditionFailed)
                {
                    logger.LogDebug("Position of {UserId} in {ConversationId} changed meanwhile; reading it again", userId, conversation.Id);
                }
                catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
                {
                    return null;
                }
            }

            throw new StoreUnavailableException("The position kept changing concurrently; retry shortly.", TimeSpan.FromSeconds(1));
        });

    private static int IndexOf(Conversation conversation, string userId)
    {
        for (var i = 0; i < conversation.Participants.Count; i++)
        {
            if (conversation.Participants[i].UserId == userId)
            {
                return i;
            }
        }

        return -1;
    }

    public Task CreateAttachmentAsync(AttachmentReservation reservation, CancellationToken cancellationToken) =>
        RunAsync("reserveAttachment", async () =>
        {
            await _chat.CreateItemAsync(
                CosmosDocuments.ToDocument(reservation with { ETag = null }, _pendingUploadLifetime), Key(reservation.ConversationId), NoContent(), cancellationToken);
            return true;
        });

    /// <summary>One ReadMany round trip for all ids (one partition); documents of another type are left out.</summary>
    public Task<IReadOnlyList<Message>> GetMessagesByIdAsync(string conversationId, IReadOnlyList<string> messageIds, CancellationToken cancellationToken) =>
        RunAsync("getMessagesById", async () =>
        {
            var ids = messageIds.Distinct(StringComparer.Ordinal).ToList();
            if (ids.Count == 0)
            {
                return (IReadOnlyList<Message>)[];
            }

            var key = Key(conversationId);
            var response = await _chat.ReadManyItemsAsync<MessageDocument>(ids.Select(id => (id, key)).ToList(), cancellationToken: cancellationToken);
            IReadOnlyList<Message> messages = response.Where(d => d.Type == DocumentTypes.Message).Select(CosmosDocuments.ToMessage).ToList();
            return messages;
        });

    /// <summary>One ReadMany round trip for all ids (one partition); documents of another type are left out.</summary>
    public Task<IReadOnlyList<AttachmentReservation>> GetAttachmentsAsync(
        string conversationId, IReadOnlyList<string> attachmentIds, CancellationToken cancellationToken) =>
        RunAsync("getAttachments", async () =>
        {
            var ids = attachmentIds.Distinct(StringComparer.Ordinal).ToList();
            if (ids.Count == 0)
            {
                return (IReadOnlyList<AttachmentReservation>)[];
            }

            var key = Key(conversationId);
            var response = await _chat.ReadManyItemsAsync<AttachmentDocument>(ids.Select(id => (id, key)).ToList(), cancellationToken: cancellationToken);
            var found = response.Where(d => d.Type == DocumentTypes.Attachment).ToDictionary(d => d.Id, StringComparer.Ordinal);
            IReadOnlyList<AttachmentReservation> reservations = ids
                .Where(found.ContainsKey)
                .Select(id => CosmosDocuments.ToReservation(found[id]))
                .ToList();
            return reservations;
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
        string userId, ConversationListPosition? after, int limit, CancellationToken cancellationToken) =>
        RunAsync("listConversations", async () =>
        {
            var documents = await QueryAsync<UserConversationDocument>(_lists, CosmosQueries.UserConversations(after), Key(userId), limit, cancellationToken);
            IReadOnlyList<UserConversation> entries = documents.Select(CosmosDocuments.ToUserConversation).ToList();
            return entries;
        });

    public Task<IReadOnlyList<UserConversation>> GetUnreadConversationsAsync(string userId, CancellationToken cancellationToken) =>
        RunAsync("unread", async () =>
        {
            var documents = await QueryAsync<UserConversationDocument>(_lists, CosmosQueries.UnreadConversations(), Key(userId), null, cancellationToken);
            IReadOnlyList<UserConversation> entries = documents.Select(CosmosDocuments.ToUserConversation).ToList();
            return entries;
        });

    public Task<UserConversation?> GetUserConversationAsync(string userId, string conversationId, CancellationToken cancellationToken) =>
        RunAsync("getListEntry", async () =>
        {
            try
            {
                var response = await _lists.ReadItemAsync<UserConversationDocument>(conversationId, Key(userId), cancellationToken: cancellationToken);
                return (UserConversation?)CosmosDocuments.ToUserConversation(WithETag(response.Resource, response.ETag));
            }
            catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
        });

    /// <summary>
    /// Create (no ETag) or replace under the entry's ETag: the change-feed projection's conditional write, never on a
    /// request path. 409 / 412 / 404 mean another writer got there first.
    /// </summary>
    public Task<bool> TryPutUserConversationAsync(UserConversation entry, CancellationToken cancellationToken) =>
        RunAsync("putListEntry", async () =>
        {
            var document = CosmosDocuments.ToDocument(entry with { ETag = null });
            try
            {
                if (entry.ETag is null)
                {
                    await _lists.CreateItemAsync(document, Key(entry.UserId), NoContent(), cancellationToken);
                }
                else
                {
                    var options = NoContent();
                    options.IfMatchEtag = entry.ETag;
                    await _lists.ReplaceItemAsync(document, entry.ConversationId, Key(entry.UserId), options, cancellationToken);
                }

                return true;
            }
            catch (CosmosException ex) when (ex.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
            {
                return false;
            }
        });

    /// <summary>
    /// The outcome of a failed append from the failing operation (the others report 424): the message create
    /// (index 0) conflicts, the conversation (1) or an attachment (2..) changed or vanished.
    /// </summary>
    internal static AppendOutcome AppendOutcomeOf(TransactionalBatchResponse response)
    {
        if (response.IsSuccessStatusCode)
        {
            return AppendOutcome.Appended;
        }

        var (index, status) = FailedOperation(response);
        return (index, status) switch
        {
            (0, HttpStatusCode.Conflict) => AppendOutcome.MessageExists,
            (1, HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound) => AppendOutcome.ConversationChanged,
            ( >= 2, HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound) => AppendOutcome.AttachmentChanged,
            _ => throw CosmosErrors.Translate(status, 0, response.RetryAfter, "send"),
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

    private async Task<ConversationDocument?> ReadConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _chat.ReadItemAsync<ConversationDocument>(conversationId, Key(conversationId), cancellationToken: cancellationToken);
            return response.Resource.Type == DocumentTypes.Conversation ? WithETag(response.Resource, response.ETag) : null;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

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
