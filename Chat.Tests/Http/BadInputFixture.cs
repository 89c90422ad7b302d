using static Chat.Tests.Http.ApiScenario;

namespace Chat.Tests.Http;

/// <summary>One host with a direct conversation (alice, bob), a message of alice's and an uploaded, unsent attachment of alice's.</summary>
public sealed class BadInputFixture : IAsyncLifetime
{
    public ChatApiHost Host { get; private set; } = null!;

    public HttpClient Alice { get; private set; } = null!;

    public string ConversationId { get; private set; } = string.Empty;

    public string MessageId { get; private set; } = string.Empty;

    public string AttachmentId { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        Host = await ChatApiHost.StartAsync();
        ConversationId = await CreateDirectAsync(Host, ApiScenario.Alice, Bob);
        MessageId = (await SendTextAsync(Host, ApiScenario.Alice, ConversationId))["id"]!.GetValue<string>();
        AttachmentId = await UploadedAttachmentAsync(Host, ApiScenario.Alice, ConversationId);
        Alice = Host.ClientFor(ApiScenario.Alice);
    }

    public async Task DisposeAsync()
    {
        Alice.Dispose();
        await Host.DisposeAsync();
    }
}
