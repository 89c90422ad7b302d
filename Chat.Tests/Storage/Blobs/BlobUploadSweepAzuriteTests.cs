using System.Net;
using Chat.Shared.Application;
using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Storage.Blobs;
using Chat.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static Chat.TestSupport.ChatHarness;

namespace Chat.Tests.Storage.Blobs;

/// <summary>
/// The attachment flow on the real Blob adapter (Azurite) with the store double: a client uploads two files with
/// their SAS URLs and sends one. The storage lifecycle rule's view (blobs tagged <c>chat-state = 'pending'</c>) and
/// the upload sweep's both single out the upload no message used; the sent one is tagged attached and stays.
/// </summary>
public sealed class BlobUploadSweepAzuriteTests(AzuriteContainerFixture fixture) : IClassFixture<AzuriteContainerFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [AzuriteFact]
    public async Task PendingTagAndUploadSweep_SingleOutTheUploadNoMessageUsed_AndKeepTheAttachedBlob()
    {
        var flow = new Flow(fixture.Name);
        var id = (await flow.Conversations.CreateAsync(Alice, new CreateConversationRequest([Bob.Id]), None)).Value.Id;
        var sent = await flow.UploadAsync(id, "sent.png");
        var abandoned = await flow.UploadAsync(id, "never-sent.png");
        await flow.Messages.SendAsync(Alice, id, new SendMessageRequest(AttachmentIds: [sent]), None);

        var pending = await PendingBlobsAsync(id);
        flow.Clock.Advance(flow.Options.UploadUrlLifetime + flow.Options.AbandonedUploadGrace + TimeSpan.FromSeconds(1));
        var report = await flow.Sweeper.RunAsync(None);

        Assert.Equal([AttachmentPolicy.BlobName(id, abandoned)], pending);
        Assert.Equal(new UploadSweepReport(1, 1, 0), report);
        Assert.Null(await flow.Blobs.GetAsync(AttachmentPolicy.BlobName(id, abandoned), None));
        Assert.NotNull(await flow.Blobs.GetAsync(AttachmentPolicy.BlobName(id, sent), None));
        Assert.Empty(await PendingBlobsAsync(id));
    }

    [AzuriteFact]
    public async Task UploadSweep_LeavesAReservationWhoseUrlIsStillValid_AndItsBlob()
    {
        var flow = new Flow(fixture.Name);
        var id = (await flow.Conversations.CreateAsync(Alice, new CreateConversationRequest([Bob.Id]), None)).Value.Id;
        var uploading = await flow.UploadAsync(id, "in-progress.png");

        flow.Clock.Advance(flow.Options.UploadUrlLifetime);
        var report = await flow.Sweeper.RunAsync(None);

        Assert.Equal(0, report.Abandoned);
        Assert.NotNull(await flow.Blobs.GetAsync(AttachmentPolicy.BlobName(id, uploading), None));
        Assert.Equal([AttachmentPolicy.BlobName(id, uploading)], await PendingBlobsAsync(id));
    }

    /// <summary>What the lifecycle rule <c>deletePendingUploads</c> matches (infra/modules/attachments-storage.bicep), in one conversation.</summary>
    private async Task<List<string>> PendingBlobsAsync(string conversationId)
    {
        var names = new List<string>();
        await foreach (var blob in fixture.Container.FindBlobsByTagsAsync($"\"{AttachmentBlobPolicy.StateTag}\" = '{AttachmentBlobPolicy.Pending}'"))
        {
            if (blob.BlobName.StartsWith(conversationId + "/", StringComparison.Ordinal))
            {
                names.Add(blob.BlobName);
            }
        }

        return names;
    }

    /// <summary>The chat core on the store double and the real Blob adapter, on a clock that starts now (SAS times are real).</summary>
    private sealed class Flow
    {
        public Flow(string container)
        {
            Blobs = new BlobAttachmentStore(AzuriteFactAttribute.Service(), container, Clock);
            var options = Microsoft.Extensions.Options.Options.Create(Options);
            var deps = new ChatDependencies(
                new InMemoryChatStore(), new InMemoryTypingStore(), new InMemoryPresenceStore(), Blobs, Clock, new RandomIdGenerator(Clock), options,
                new ConcurrencyBackoff(TimeProvider.System, options));
            Conversations = new ConversationService(deps);
            Attachments = new AttachmentService(deps);
            Messages = new MessageService(deps, Attachments, new Views(deps), NullLogger<MessageService>.Instance);
            Sweeper = new AbandonedUploadSweeper(deps, NullLogger<AbandonedUploadSweeper>.Instance);
        }

        public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
        public ChatOptions Options { get; } = new();
        public BlobAttachmentStore Blobs { get; }
        public ConversationService Conversations { get; }
        public AttachmentService Attachments { get; }
        public MessageService Messages { get; }
        public AbandonedUploadSweeper Sweeper { get; }

        /// <summary>Reserves an upload as Alice and uploads to its URL as her client would; returns the attachment id.</summary>
        public async Task<string> UploadAsync(string conversationId, string fileName)
        {
            byte[] content = [0x89, 0x50, 0x4e, 0x47, 7, 7, 7];
            var upload = await Attachments.ReserveAsync(Alice, conversationId, new ReserveAttachmentRequest(fileName, "image/png", content.Length), None);
            using var response = await SasRequests.PutAsync(upload.UploadUrl, upload.RequiredHeaders, content);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return upload.AttachmentId;
        }
    }
}
