using System.Net;
using System.Text.Json.Nodes;
using Chat.Shared.Domain;
using Chat.TestSupport;

namespace Chat.Tests.Http;

/// <summary>Arranges state through the API itself (so arrangement goes over the same HTTP path as the tests).</summary>
public static class ApiScenario
{
    public static async Task<string> CreateDirectAsync(ChatApiHost host, ChatUser creator, ChatUser other)
    {
        using var client = host.ClientFor(creator);
        var response = await client.PostAsync("/api/conversations", $$"""{"participantIds":["{{other.Id}}"]}""");
        var body = await ApiJson.ReadOkAsync(response, HttpStatusCode.Created);
        return body["id"]!.GetValue<string>();
    }

    public static async Task<string> CreateGroupAsync(ChatApiHost host, ChatUser creator, params ChatUser[] others)
    {
        using var client = host.ClientFor(creator);
        var ids = string.Join(",", others.Select(o => $"\"{o.Id}\""));
        var response = await client.PostAsync("/api/conversations", $$"""{"participantIds":[{{ids}}],"title":"Team"}""");
        return (await ApiJson.ReadOkAsync(response, HttpStatusCode.Created))["id"]!.GetValue<string>();
    }

    public static async Task<JsonNode> SendTextAsync(ChatApiHost host, ChatUser sender, string conversationId, string content = "hello")
    {
        using var client = host.ClientFor(sender);
        var response = await client.PostAsync($"/api/conversations/{conversationId}/messages", ApiJson.Body(new { content }));
        return await ApiJson.ReadOkAsync(response, HttpStatusCode.Created);
    }

    public static async Task<string> UploadedAttachmentAsync(
        ChatApiHost host, ChatUser uploader, string conversationId, long size = 1234, string fileName = "photo.png", string contentType = "image/png")
    {
        using var client = host.ClientFor(uploader);
        var response = await client.PostAsync($"/api/conversations/{conversationId}/attachments",
            ApiJson.Body(new { fileName, contentType, sizeBytes = size }));
        var id = (await ApiJson.ReadOkAsync(response, HttpStatusCode.Created))["attachmentId"]!.GetValue<string>();
        host.Blobs.SimulateClientUpload(AttachmentPolicy.BlobName(conversationId, id), size, contentType);
        return id;
    }

    public static ChatUser Alice => ChatHarness.Alice;

    public static ChatUser Bob => ChatHarness.Bob;

    public static ChatUser Carol => ChatHarness.Carol;

    public static ChatUser Mallory => ChatHarness.Mallory;
}
