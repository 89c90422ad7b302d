using Chat.Shared.Application;
using Chat.Shared.Contracts;
using Microsoft.AspNetCore.Http;

namespace Chat.Shared.Http;

/// <summary>
/// The server API's conversations (server principal only, with an owner's authority): POST / GET
/// <see cref="ChatRoutes.ServerConversations"/> (keyed create: 201 or 200; find by key or participant) · GET / PATCH
/// <see cref="ChatRoutes.ServerConversation"/> · POST / GET <see cref="ChatRoutes.ServerMessages"/> (system message: 201,
/// or 200 for a retry; history) · DELETE <see cref="ChatRoutes.ServerMessage"/> (moderation) · POST
/// <see cref="ChatRoutes.ServerParticipants"/>, PATCH / DELETE <see cref="ChatRoutes.ServerParticipant"/> · POST
/// <see cref="ChatRoutes.ServerClose"/> / <see cref="ChatRoutes.ServerReopen"/>. Changes answer the conversation as the
/// server sees it.
/// </summary>
public sealed class ServerConversationsApi(
    ServerConversationService conversations, MembershipService membership, MessageService messages, ChatHttpPipeline pipeline)
{
    public Task<ChatHttpResult> CreateAsync(HttpRequest request, CancellationToken cancellationToken) =>
        pipeline.RunAsServerAsync(request, "ServerCreateConversation", null, async _ =>
        {
            QueryParameters.RejectDuplicates(request);
            var body = await JsonBody.ReadAsync<ServerCreateConversationRequest>(request, cancellationToken);
            var result = await conversations.CreateAsync(body, cancellationToken);
            return ChatHttpResult.From(result, ChatRoutes.ServerConversationPath(result.Value.Id));
        });

    public Task<ChatHttpResult> FindAsync(HttpRequest request, CancellationToken cancellationToken) =>
        pipeline.RunAsServerAsync(request, "ServerFindConversations", null, async _ =>
        {
            var query = new ServerFindRequest(
                QueryParameters.Value(request, "key"),
                QueryParameters.Value(request, "participant"),
                QueryParameters.Value(request, "cursor"),
                QueryParameters.Limit(request));
            return ChatHttpResult.Ok(await conversations.FindAsync(query, cancellationToken));
        });

    public Task<ChatHttpResult> GetAsync(HttpRequest request, string? conversationId, CancellationToken cancellationToken) =>
        pipeline.RunAsServerAsync(request, "ServerGetConversation", conversationId, async _ =>
        {
            QueryParameters.RejectDuplicates(request);
            return ChatHttpResult.Ok(await conversations.GetAsync(conversationId, cancellationToken));
        });

    public Task<ChatHttpResult> UpdateAsync(HttpRequest request, string? conversationId, CancellationToken cancellationToken) =>
        pipeline.RunAsServerAsync(request, "ServerUpdateConversation", conversationId, async _ =>
        {
            QueryParameters.RejectDuplicates(request);
            var body = await JsonBody.ReadAsync<UpdateConversationRequest>(request, cancellationToken);
            return ChatHttpResult.From(await membership.UpdateAsServerAsync(conversationId, body, cancellationToken));
        });

    public Task<ChatHttpResult> PostMessageAsync(HttpRequest request, string? conversationId, CancellationToken cancellationToken) =>
        pipeline.RunAsServerAsync(request, "ServerPostMessage", conversationId, async _ =>
        {
            QueryParameters.RejectDuplicates(request);
            var body = await JsonBody.ReadAsync<ServerMessageRequest>(request, cancellationToken);
            var result = await messages.PostAsServerAsync(conversationId, body, cancellationToken);
            return ChatHttpResult.From(result, ChatRoutes.ServerMessagePath(result.Value.ConversationId, result.Value.Id));
        });

    public Task<ChatHttpResult> GetMessagesAsync(HttpRequest request, string? conversationId, CancellationToken cancellationToken) =>
        pipeline.RunAsServerAsync(request, "ServerGetMessages", conversationId, async _ =>
        {
            var query = new HistoryRequest(QueryParameters.Value(request, "before"), QueryParameters.Value(request, "after"), QueryParameters.Limit(request));
            return ChatHttpResult.Ok(await messages.GetHistoryAsServerAsync(conversationId, query, cancellationToken));
        });

    public Task<ChatHttpResult> DeleteMessageAsync(HttpRequest request, string? conversationId, string? messageId, CancellationToken cancellationToken) =>
        pipeline.RunAsServerAsync(request, "ServerDeleteMessage", conversationId, async _ =>
        {
            QueryParameters.RejectDuplicates(request);
            return ChatHttpResult.From(await messages.DeleteAsModeratorAsync(conversationId, messageId, cancellationToken));
        });

    public Task<ChatHttpResult> AddParticipantsAsync(HttpRequest request, string? conversationId, CancellationToken cancellationToken) =>
        pipeline.RunAsServerAsync(request, "ServerAddParticipants", conversationId, async _ =>
        {
            QueryParameters.RejectDuplicates(request);
            var body = await JsonBody.ReadAsync<AddParticipantsRequest>(request, cancellationToken);
            return ChatHttpResult.From(await membership.AddParticipantsAsServerAsync(conversationId, body, cancellationToken));
        });

    public Task<ChatHttpResult> ChangeRoleAsync(HttpRequest request, string? conversationId, string? userId, CancellationToken cancellationToken) =>
        pipeline.RunAsServerAsync(request, "ServerChangeRole", conversationId, async _ =>
        {
            QueryParameters.RejectDuplicates(request);
            var body = await JsonBody.ReadAsync<ChangeRoleRequest>(request, cancellationToken);
            return ChatHttpResult.From(await membership.ChangeRoleAsServerAsync(conversationId, userId, body, cancellationToken));
        });

    public Task<ChatHttpResult> RemoveParticipantAsync(HttpRequest request, string? conversationId, string? userId, CancellationToken cancellationToken) =>
        pipeline.RunAsServerAsync(request, "ServerRemoveParticipant", conversationId, async _ =>
        {
            QueryParameters.RejectDuplicates(request);
            return ChatHttpResult.From(await membership.RemoveParticipantAsServerAsync(conversationId, userId, cancellationToken));
        });

    public Task<ChatHttpResult> CloseAsync(HttpRequest request, string? conversationId, CancellationToken cancellationToken) =>
        pipeline.RunAsServerAsync(request, "ServerCloseConversation", conversationId, async _ =>
        {
            QueryParameters.RejectDuplicates(request);
            return ChatHttpResult.From(await membership.CloseAsServerAsync(conversationId, cancellationToken));
        });

    public Task<ChatHttpResult> ReopenAsync(HttpRequest request, string? conversationId, CancellationToken cancellationToken) =>
        pipeline.RunAsServerAsync(request, "ServerReopenConversation", conversationId, async _ =>
        {
            QueryParameters.RejectDuplicates(request);
            return ChatHttpResult.From(await membership.ReopenAsServerAsync(conversationId, cancellationToken));
        });
}
