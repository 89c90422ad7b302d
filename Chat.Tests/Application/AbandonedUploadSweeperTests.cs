using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.TestSupport;
using static Chat.TestSupport.ChatHarness;

namespace Chat.Tests.Application;

public class AbandonedUploadSweeperTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Run_RemovesUploadsNoMessageUsed_AfterTheGrace_AndKeepsEverythingElse()
    {
        var h = new ChatHarness();
        var sweeper = new Chat.Shared.Application.AbandonedUploadSweeper(h.Deps, Microsoft.Extensions.Logging.Abstractions.NullLogger<Chat.Shared.Application.AbandonedUploadSweeper>.Instance);
        var id = await h.DirectAsync(Alice, Bob);
        var abandoned = await h.UploadedAttachmentAsync(Alice, id, fileName: "never-sent.png");
        var sent = await h.UploadedAttachmentAsync(Alice, id, fileName: "sent.png");
        await h.Messages.SendAsync(Alice, id, new SendMessageRequest(AttachmentIds: [sent]), None);

        h.Clock.Advance(h.Options.UploadUrlLifetime + h.Options.AbandonedUploadGrace - TimeSpan.FromSeconds(1));
        var early = await sweeper.RunAsync(None);
        h.Clock.Advance(TimeSpan.FromSeconds(2));
        var due = await sweeper.RunAsync(None);

        Assert.Equal(0, early.Abandoned);
        Assert.Equal(new Chat.Shared.Application.UploadSweepReport(1, 1, 0), due);
        Assert.False(h.Blobs.Exists(AttachmentPolicy.BlobName(id, abandoned)));
        Assert.DoesNotContain(h.Store.AllAttachments(id), a => a.Id == abandoned);
        Assert.True(h.Blobs.Exists(AttachmentPolicy.BlobName(id, sent)));
        Assert.Single(h.Store.AllAttachments(id), a => a.Id == sent);
    }

    [Fact]
    public async Task Run_RemovesTheReservation_EvenWhenTheBlobCannotBeDeleted()
    {
        var h = new ChatHarness();
        var sweeper = new Chat.Shared.Application.AbandonedUploadSweeper(h.Deps, Microsoft.Extensions.Logging.Abstractions.NullLogger<Chat.Shared.Application.AbandonedUploadSweeper>.Instance);
        var id = await h.DirectAsync(Alice, Bob);
        var abandoned = await h.UploadedAttachmentAsync(Alice, id);
        h.Blobs.FailDelete = _ => new IOException("storage down");
        h.Clock.Advance(TimeSpan.FromDays(1));

        var report = await sweeper.RunAsync(None);

        Assert.Equal(1, report.BlobFailures);
        Assert.DoesNotContain(h.Store.AllAttachments(id), a => a.Id == abandoned);
    }

    [Fact]
    public async Task Send_AfterTheSweepRemovedTheUpload_IsRejected_AndStoresNothing()
    {
        var h = new ChatHarness();
        var sweeper = new Chat.Shared.Application.AbandonedUploadSweeper(h.Deps, Microsoft.Extensions.Logging.Abstractions.NullLogger<Chat.Shared.Application.AbandonedUploadSweeper>.Instance);
        var id = await h.DirectAsync(Alice, Bob);
        var abandoned = await h.UploadedAttachmentAsync(Alice, id);
        h.Clock.Advance(TimeSpan.FromDays(1));
        await sweeper.RunAsync(None);

        var error = await Assert.ThrowsAsync<ChatException>(() => h.Messages.SendAsync(Alice, id, new SendMessageRequest(AttachmentIds: [abandoned]), None));

        Assert.Equal(ErrorCodes.AttachmentNotFound, error.Error.Code);
        Assert.Empty(h.Store.AllMessages(id));
    }
}
