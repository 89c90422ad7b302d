using System.Net;
using Chat.Shared.Domain;
using Chat.Shared.Storage.Cosmos.Documents;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;

namespace Chat.Shared.Storage.Cosmos;

/// <summary>
/// <see cref="IUserDataStore"/> on Cosmos DB: a user's documents in the <c>chat</c> and <c>userConversations</c>
/// containers, for the profile projection, erasure and export. Every call is single-partition but
/// <see cref="GetMembershipsAsync"/>, which the server routes and timers use only.
/// </summary>
public sealed class CosmosUserDataStore(CosmosContainers containers, ILogger<CosmosUserDataStore> logger) : IUserDataStore
{
    private readonly Container _chat = containers.Chat;
    private readonly Container _lists = containers.UserConversations;

    public Task<IReadOnlyList<string>> GetMembershipsAsync(string userId, string? afterConversationId, int limit, CancellationToken cancellationToken) =>
        RunAsync("memberships", async () =>
        {
            IReadOnlyList<string> ids = await CosmosCalls.QueryAcrossPartitionsAsync<string>(
                _chat, CosmosUserQueries.Memberships(userId, afterConversationId, limit), limit, cancellationToken);
            return ids;
        });

    public Task<IReadOnlyList<Message>> GetMessagesBySenderAsync(
        string conversationId, string senderId, long afterSequence, int limit, CancellationToken cancellationToken) =>
        RunAsync("messagesBySender", async () =>
        {
            var documents = await CosmosCalls.QueryPartitionAsync<MessageDocument>(
                _chat, CosmosUserQueries.MessagesBySender(senderId, afterSequence), Key(conversationId), limit, cancellationToken);
            IReadOnlyList<Message> messages = documents.Select(CosmosDocuments.ToMessage).ToList();
            return messages;
        });

    public Task<IReadOnlyList<AttachmentReservation>> GetAttachmentsByUploaderAsync(
        string conversationId, string uploaderId, int limit, CancellationToken cancellationToken) =>
        RunAsync("attachmentsByUploader", async () =>
        {
            var documents = await CosmosCalls.QueryPartitionAsync<AttachmentDocument>(
                _chat, CosmosUserQueries.AttachmentsByUploader(uploaderId), Key(conversationId), limit, cancellationToken);
            IReadOnlyList<AttachmentReservation> reservations = documents.Select(CosmosDocuments.ToReservation).ToList();
            return reservations;
        });

    public Task<bool> TryPatchMemberProfileAsync(string conversationId, string userId, MemberProfile profile, CancellationToken cancellationToken) =>
        RunAsync("memberProfile", async () =>
        {
            var patch = CosmosUserQueries.MemberProfile(profile);
            try
            {
                await _chat.PatchItemAsync<MemberDocument>(DocumentTypes.MemberId(userId), Key(conversationId), patch.Operations,
                    new PatchItemRequestOptions { FilterPredicate = patch.FilterPredicate, EnableContentResponseOnWrite = false }, cancellationToken);
                return true;
            }
            catch (CosmosException ex) when (ex.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
            {
                return false;
            }
        });

    public Task<int> DeleteMemberAsync(string conversationId, string userId, CancellationToken cancellationToken) =>
        RunAsync("deleteMember", async () =>
        {
            var member = await CosmosCalls.DeleteAsync(_chat, DocumentTypes.MemberId(userId), Key(conversationId), "deleteMember", cancellationToken);
            var delivery = await CosmosCalls.DeleteAsync(_chat, DocumentTypes.DeliveryId(userId), Key(conversationId), "deleteMember", cancellationToken);
            return (member ? 1 : 0) + (delivery ? 1 : 0);
        });

    public Task<bool> DeleteAttachmentAsync(string conversationId, string attachmentId, CancellationToken cancellationToken) =>
        RunAsync("deleteAttachment", () => CosmosCalls.DeleteAsync(_chat, attachmentId, Key(conversationId), "deleteAttachment", cancellationToken));

    public Task<IReadOnlyList<UserConversation>> GetAllListEntriesAsync(
        string userId, ConversationListPosition? after, int limit, CancellationToken cancellationToken) =>
        RunAsync("allListEntries", async () =>
        {
            var documents = await CosmosCalls.QueryPartitionAsync<UserConversationDocument>(
                _lists, CosmosUserQueries.AllListEntries(after), Key(userId), limit, cancellationToken);
            IReadOnlyList<UserConversation> entries = documents.Select(CosmosDocuments.ToUserConversation).ToList();
            return entries;
        });

    public Task<bool> DeleteListEntryAsync(string userId, string conversationId, CancellationToken cancellationToken) =>
        RunAsync("deleteListEntry", () => CosmosCalls.DeleteAsync(_lists, conversationId, Key(userId), "deleteListEntry", cancellationToken));

    private Task<T> RunAsync<T>(string operation, Func<Task<T>> action) => CosmosCalls.RunAsync(operation, logger, action);

    private static PartitionKey Key(string value) => CosmosCalls.Key(value);
}
