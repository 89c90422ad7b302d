using Chat.Shared.Application;
using Chat.Shared.Contracts;
using Microsoft.AspNetCore.Http;

namespace Chat.Shared.Http;

/// <summary>
/// PATCH <see cref="ChatRoutes.Conversation"/> (title, metadata) · POST <see cref="ChatRoutes.Participants"/> (add) ·
/// PATCH <see cref="ChatRoutes.Participant"/> (role) · DELETE <see cref="ChatRoutes.Participant"/> (remove, or leave:
/// 204) · POST <see cref="ChatRoutes.Close"/> / <see cref="ChatRoutes.Reopen"/> · PUT <see cref="ChatRoutes.Me"/> (the
/// caller's own settings). All answer 200 with the conversation as the caller sees it after the change.
/// </summary>
public sealed class MembershipApi(MembershipService membership, ChatHttpPipeline pipeline)
{
    public Task<ChatHttpResult> UpdateAsync(HttpRequest request, string? conversationId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, "UpdateConversation", conversationId, async caller =>
        {
            QueryParameters.RejectDuplicates(request);
            var body = await JsonBody.ReadAsync<UpdateConversationRequest>(request, cancellationToken);
            return ChatHttpResult.FromOptional(await membership.UpdateAsync(caller, conversationId, body, cancellationToken));
        });

    public Task<ChatHttpResult> AddParticipantsAsync(HttpRequest request, string? conversationId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, "AddParticipants", conversationId, async caller =>
        {
            QueryParameters.RejectDuplicates(request);
            var body = await JsonBody.ReadAsync<AddParticipantsRequest>(request, cancellationToken);
            return ChatHttpResult.FromOptional(await membership.AddParticipantsAsync(caller, conversationId, body, cancellationToken));
        });

    public Task<ChatHttpResult> ChangeRoleAsync(HttpRequest request, string? conversationId, string? userId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, "ChangeRole", conversationId, async caller =>
        {
            QueryParameters.RejectDuplicates(request);
            var body = await JsonBody.ReadAsync<ChangeRoleRequest>(request, cancellationToken);
            return ChatHttpResult.FromOptional(await membership.ChangeRoleAsync(caller, conversationId, userId, body, cancellationToken));
        });

    public Task<ChatHttpResult> RemoveParticipantAsync(HttpRequest request, string? conversationId, string? userId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, "RemoveParticipant", conversationId, async caller =>
        {
            QueryParameters.RejectDuplicates(request);
            return ChatHttpResult.FromOptional(await membership.RemoveParticipantAsync(caller, conversationId, userId, cancellationToken));
        });

    public Task<ChatHttpResult> CloseAsync(HttpRequest request, string? conversationId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, "CloseConversation", conversationId, async caller =>
        {
            QueryParameters.RejectDuplicates(request);
            return ChatHttpResult.FromOptional(await membership.CloseAsync(caller, conversationId, cancellationToken));
        });

    public Task<ChatHttpResult> ReopenAsync(HttpRequest request, string? conversationId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, "ReopenConversation", conversationId, async caller =>
        {
            QueryParameters.RejectDuplicates(request);
            return ChatHttpResult.FromOptional(await membership.ReopenAsync(caller, conversationId, cancellationToken));
        });

    public Task<ChatHttpResult> UpdateMeAsync(HttpRequest request, string? conversationId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, "UpdateMe", conversationId, async caller =>
        {
            QueryParameters.RejectDuplicates(request);
            var body = await JsonBody.ReadAsync<UpdateMeRequest>(request, cancellationToken);
            return ChatHttpResult.Ok(await membership.UpdateMeAsync(caller, conversationId, body, cancellationToken));
        });
}
