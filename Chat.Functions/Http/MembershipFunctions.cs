using Chat.Shared.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Chat.Functions.Http;

/// <summary>Title and metadata, members and roles, close and reopen, the caller's own settings.</summary>
public sealed class MembershipFunctions(MembershipApi api)
{
    [Function(nameof(UpdateConversation))]
    public async Task<ChatHttpOutput> UpdateConversation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = ChatRoutes.Conversation)] HttpRequest request,
        string conversationId,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.UpdateAsync(request, conversationId, cancellationToken));

    [Function(nameof(AddParticipants))]
    public async Task<ChatHttpOutput> AddParticipants(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ChatRoutes.Participants)] HttpRequest request,
        string conversationId,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.AddParticipantsAsync(request, conversationId, cancellationToken));

    [Function(nameof(ChangeRole))]
    public async Task<ChatHttpOutput> ChangeRole(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = ChatRoutes.Participant)] HttpRequest request,
        string conversationId,
        string userId,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.ChangeRoleAsync(request, conversationId, userId, cancellationToken));

    [Function(nameof(RemoveParticipant))]
    public async Task<ChatHttpOutput> RemoveParticipant(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ChatRoutes.Participant)] HttpRequest request,
        string conversationId,
        string userId,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.RemoveParticipantAsync(request, conversationId, userId, cancellationToken));

    [Function(nameof(CloseConversation))]
    public async Task<ChatHttpOutput> CloseConversation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ChatRoutes.Close)] HttpRequest request,
        string conversationId,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.CloseAsync(request, conversationId, cancellationToken));

    [Function(nameof(ReopenConversation))]
    public async Task<ChatHttpOutput> ReopenConversation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ChatRoutes.Reopen)] HttpRequest request,
        string conversationId,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.ReopenAsync(request, conversationId, cancellationToken));

    [Function(nameof(UpdateMe))]
    public async Task<ChatHttpOutput> UpdateMe(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ChatRoutes.Me)] HttpRequest request,
        string conversationId,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.UpdateMeAsync(request, conversationId, cancellationToken));
}
