using Chat.Shared.Application;
using Chat.Shared.Contracts;
using Microsoft.AspNetCore.Http;

namespace Chat.Shared.Http;

/// <summary>
/// POST <see cref="ChatRoutes.Conversations"/> (create, 201 or 200 for an existing direct conversation) ·
/// GET <see cref="ChatRoutes.Conversations"/> (list) · GET <see cref="ChatRoutes.Conversation"/> (one) ·
/// GET <see cref="ChatRoutes.Unread"/> (badge counts).
/// </summary>
public sealed class ConversationsApi(ConversationService conversations, ChatHttpPipeline pipeline)
{
    public Task<ChatHttpResult> CreateAsync(HttpRequest request, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, "CreateConversation", null, async caller =>
        {
            QueryParameters.RejectDuplicates(request);
            var body = await JsonBody.ReadAsync<CreateConversationRequest>(request, cancellationToken);
            var result = await conversations.CreateAsync(caller, body, cancellationToken);
            return ChatHttpResult.From(result, ChatRoutes.ConversationPath(result.Value.Id));
        });

    public Task<ChatHttpResult> ListAsync(HttpRequest request, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, "ListConversations", null, async caller =>
        {
            var query = new ConversationListRequest(
                QueryParameters.Value(request, "cursor"),
                QueryParameters.Limit(request),
                QueryParameters.Flag(request, "archived"),
                QueryParameters.Value(request, "key"),
                QueryParameters.Prefixed(request, "metadata."));
            return ChatHttpResult.Ok(await conversations.ListAsync(caller, query, cancellationToken));
        });

    public Task<ChatHttpResult> GetAsync(HttpRequest request, string? conversationId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, "GetConversation", conversationId, async caller =>
        {
            QueryParameters.RejectDuplicates(request);
            return ChatHttpResult.Ok(await conversations.GetAsync(caller, conversationId, cancellationToken));
        });

    public Task<ChatHttpResult> GetUnreadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, "GetUnread", null, async caller =>
        {
            QueryParameters.RejectDuplicates(request);
            return ChatHttpResult.Ok(await conversations.GetUnreadAsync(caller, cancellationToken));
        });
}
