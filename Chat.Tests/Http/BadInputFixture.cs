using Chat.Shared.Application;
using Microsoft.Extensions.DependencyInjection;
using static Chat.Tests.Http.ApiScenario;

namespace Chat.Tests.Http;

/// <summary>
/// One host with a direct conversation (alice, bob), a message of alice's, an uploaded, unsent attachment of alice's, a
/// group (alice owner, bob and carol members), a valid <c>changes</c> token of each conversation, and bob online.
/// </summary>
public sealed class BadInputFixture : IAsyncLifetime
{
    public ChatApiHost Host { get; private set; } = null!;

    public HttpClient Alice { get; private set; } = null!;

    /// <summary>A client with a server-principal token, for the server routes.</summary>
    public HttpClient Server { get; private set; } = null!;

    public string ConversationId { get; private set; } = string.Empty;

    public string MessageId { get; private set; } = string.Empty;

    public string AttachmentId { get; private set; } = string.Empty;

    public string GroupId { get; private set; } = string.Empty;

    public string ChangesToken { get; private set; } = string.Empty;

    public string GroupChangesToken { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        Host = await ChatApiHost.StartAsync();
        ConversationId = await CreateDirectAsync(Host, ApiScenario.Alice, Bob);
        MessageId = (await SendTextAsync(Host, ApiScenario.Alice, ConversationId))["id"]!.GetValue<string>();
        AttachmentId = await UploadedAttachmentAsync(Host, ApiScenario.Alice, ConversationId);
        GroupId = await CreateGroupAsync(Host, ApiScenario.Alice, Bob, Carol);
        Alice = Host.ClientFor(ApiScenario.Alice);
        Server = Host.ServerClient();
        ChangesToken = await ChangesTokenAsync(ConversationId);
        GroupChangesToken = await ChangesTokenAsync(GroupId);
        await Host.Services.GetRequiredService<PresenceService>().ConnectedAsync(Bob.Id, "bob-phone", CancellationToken.None);
    }

    private async Task<string> ChangesTokenAsync(string conversationId) =>
        (await ApiJson.ReadOkAsync(await Alice.GetAsync(new Uri($"/api/conversations/{conversationId}/changes", UriKind.Relative))))["token"]!.GetValue<string>();

    public async Task DisposeAsync()
    {
        Alice.Dispose();
        Server.Dispose();
        await Host.DisposeAsync();
    }
}
