using Chat.Shared.Application;
using Chat.Shared.Contracts;
using Microsoft.AspNetCore.Http;

namespace Chat.Shared.Http;

/// <summary>POST <see cref="ChatRoutes.Typing"/> (<c>{ isTyping }</c>, required): 200 with the typing state.</summary>
public sealed class TypingApi(TypingService typing, ChatHttpPipeline pipeline)
{
    public Task<ChatHttpResult> SetAsync(HttpRequest request, string? conversationId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, "SetTyping", conversationId, async caller =>
        {
            QueryParameters.RejectDuplicates(request);
            var body = await JsonBody.ReadAsync<TypingRequest>(request, cancellationToken);
            return ChatHttpResult.From(await typing.SetAsync(caller, conversationId, body, cancellationToken));
        });
}
