using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Realtime;
using Chat.TestSupport;
using static Chat.TestSupport.ChatHarness;

namespace Chat.Tests.Application;

public class MessageServiceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Send_StoresMessageWithNextSequence_AndSenderFromCaller()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);

        var first = await h.Messages.SendAsync(Alice, id, new SendMessageRequest(Content: "one"), None);
        var second = await h.Messages.SendAsync(Bob, id, new SendMessageRequest(Content: "two"), None);

        Assert.True(first.Created);
        Assert.Equal(1, first.Value.Sequence);
        Assert.Equal(2, second.Value.Sequence);
        Assert.Equal(new SenderDto("bob", "Bob", null), second.Value.Sender);
        Assert.Equal(MessageType.Text, second.Value.Type);
        Assert.Equal(["one", "two"], h.Store.AllMessages(id).Select(m => m.Content));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("reply")]
    [InlineData("attachment")]
    public async Task Send_UsesTwoStoreRoundTrips_InTheCommonCase(string? extra)
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var target = await h.SendTextAsync(Bob, id, "earlier");
        var upload = await h.UploadedAttachmentAsync(Alice, id);
        h.Store.Calls.Clear();
        var before = h.Store.Metrics.Take();

        await h.Messages.SendAsync(Alice, id, extra switch
        {
            "reply" => new SendMessageRequest("c-1", "hi", ReplyToId: target.Id),
            "attachment" => new SendMessageRequest("c-1", "hi", AttachmentIds: [upload]),
            _ => new SendMessageRequest("c-1", "hi"),
        }, None);

        Assert.Equal(2, h.Store.Calls.Values.Sum());
        Assert.Equal(1, h.Store.Calls["ReadItemsAsync"]);
        Assert.Equal(1, h.Store.Calls["TryCommitAsync"]);
        Assert.Equal(2, (h.Store.Metrics.Take() - before).Requests);
    }

    [Fact]
    public async Task Send_ReturnsOneMessageCreatedForTheConversationGroup_WithStatusOnlyInTheSendersAnswer()
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob, Carol);

        var result = await h.Messages.SendAsync(Alice, id, new SendMessageRequest(Content: "hi all"), None);

        var e = Assert.Single(result.Events);
        Assert.Equal(EventTargets.MessageCreated, e.Target);
        Assert.Equal(EventAudience.Conversation(id), e.Audience);
        var payload = Assert.IsType<MessageDto>(e.Payload);
        Assert.Null(payload.Status);
        Assert.Equal(result.Value.Id, payload.Id);
        Assert.Equal("hi all", payload.Content);
        Assert.Equal(MessageStatus.Sent, result.Value.Status);
    }

    [Fact]
    public async Task Send_WithSameClientMessageId_ReturnsStoredMessage_AndCreatesNothing()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var first = await h.Messages.SendAsync(Alice, id, new SendMessageRequest("retry-1", "hello"), None);
        var snapshot = h.Store.Snapshot();

        var retry = await h.Messages.SendAsync(Alice, id, new SendMessageRequest("retry-1", "hello (changed on retry)"), None);

        Assert.False(retry.Created);
        Assert.Empty(retry.Events);
        Assert.Equal(first.Value.Id, retry.Value.Id);
        Assert.Equal("hello", retry.Value.Content);
        Assert.Equal(snapshot, h.Store.Snapshot());
    }

    [Fact]
    public async Task Send_RetryIsRecognised_AfterOtherMessagesFollowed()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var first = await h.SendTextAsync(Alice, id, "a", "x1");
        await h.SendTextAsync(Bob, id, "b");

        var retry = await h.Messages.SendAsync(Alice, id, new SendMessageRequest("x1", "a"), None);

        Assert.False(retry.Created);
        Assert.Equal(first.Id, retry.Value.Id);
        Assert.Equal(2, h.Store.AllMessages(id).Count);
    }

    [Fact]
    public async Task Send_SameClientMessageId_FromAnotherSenderOrConversation_IsADifferentMessage()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var other = await h.DirectAsync(Alice, Carol);

        var a = await h.SendTextAsync(Alice, id, "a", "same");
        var b = await h.SendTextAsync(Bob, id, "b", "same");
        var c = await h.SendTextAsync(Alice, other, "c", "same");

        Assert.Equal(3, new[] { a.Id, b.Id, c.Id }.Distinct().Count());
    }

    [Fact]
    public async Task Send_AnswersNotFound_ToNonParticipant_AndWritesNothing()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var snapshot = h.Store.Snapshot();

        var error = await Assert.ThrowsAsync<ChatException>(() => h.Messages.SendAsync(Mallory, id, new SendMessageRequest(Content: "let me in"), None));

        Assert.Equal(ErrorCodes.ConversationNotFound, error.Error.Code);
        Assert.Equal(snapshot, h.Store.Snapshot());
    }

    public static TheoryData<SendMessageRequest, string> InvalidSends => new()
    {
        { new SendMessageRequest(), ErrorCodes.ContentRequired },
        { new SendMessageRequest(Content: "   "), ErrorCodes.ContentRequired },
        { new SendMessageRequest(Content: new string('x', 4001)), ErrorCodes.ContentTooLong },
        { new SendMessageRequest(Content: "a\0b"), ErrorCodes.InvalidContent },
        { new SendMessageRequest(Content: "x", Type: "sticker"), ErrorCodes.InvalidMessageType },
        { new SendMessageRequest(Content: "x", Type: "Text"), ErrorCodes.InvalidMessageType },
        { new SendMessageRequest(Content: "x", Type: "system"), ErrorCodes.TypeNotAllowed },
        { new SendMessageRequest(Type: "image"), ErrorCodes.AttachmentRequired },
        { new SendMessageRequest(Content: "here", Type: "location"), ErrorCodes.LocationRequired },
        { new SendMessageRequest(Type: "location", Metadata: new Dictionary<string, string> { ["latitude"] = "91", ["longitude"] = "0" }), ErrorCodes.LocationRequired },
        { new SendMessageRequest(Type: "location", Metadata: new Dictionary<string, string> { ["latitude"] = "x", ["longitude"] = "0" }), ErrorCodes.LocationRequired },
        { new SendMessageRequest(ClientMessageId: "", Content: "x"), ErrorCodes.InvalidClientMessageId },
        { new SendMessageRequest(ClientMessageId: new string('c', 101), Content: "x"), ErrorCodes.InvalidClientMessageId },
        { new SendMessageRequest(ClientMessageId: "a\nb", Content: "x"), ErrorCodes.InvalidClientMessageId },
        { new SendMessageRequest(Content: "x", ReplyToId: "../m"), ErrorCodes.InvalidId },
        { new SendMessageRequest(Content: "x", AttachmentIds: ["bad id"]), ErrorCodes.InvalidId },
        { new SendMessageRequest(Type: "file", AttachmentIds: Enumerable.Range(0, 11).Select(i => $"a{i}").ToList()), ErrorCodes.TooManyAttachments },
        { new SendMessageRequest(Content: "x", AttachmentIds: ["a_1"], Type: "text"), ErrorCodes.InvalidMessageType },
        { new SendMessageRequest(Content: "x", Metadata: Enumerable.Range(0, 17).ToDictionary(i => $"k{i}", _ => "v")), ErrorCodes.MetadataTooManyKeys },
        { new SendMessageRequest(Content: "x", Metadata: new Dictionary<string, string> { [""] = "v" }), ErrorCodes.MetadataInvalid },
    };

    [Theory]
    [MemberData(nameof(InvalidSends))]
    public async Task Send_RejectsInvalidMessages_WithStableCode_AndWritesNothing(SendMessageRequest request, string code)
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var snapshot = h.Store.Snapshot();

        var error = await Assert.ThrowsAsync<ChatException>(() => h.Messages.SendAsync(Alice, id, request, None));

        Assert.Equal(code, error.Error.Code);
        Assert.Equal(ChatErrorKind.Validation, error.Error.Kind);
        Assert.Equal(snapshot, h.Store.Snapshot());
    }

    [Fact]
    public async Task Send_AcceptsContentOfExactlyTheLimit()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);

        var sent = await h.SendTextAsync(Alice, id, new string('x', 4000));

        Assert.Equal(4000, sent.Content!.Length);
    }

    [Fact]
    public async Task Send_LocationWithCoordinates_IsStoredWithMetadata()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var coordinates = new Dictionary<string, string> { ["latitude"] = "52.37", ["longitude"] = "4.89" };

        var sent = await h.Messages.SendAsync(Alice, id, new SendMessageRequest(Type: "location", Metadata: coordinates), None);

        Assert.Equal(MessageType.Location, sent.Value.Type);
        Assert.Equal("4.89", sent.Value.Metadata["longitude"]);
    }

    [Fact]
    public async Task Send_ReplyTo_CarriesIdSequenceAndShortPreview()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var original = await h.SendTextAsync(Bob, id, new string('q', 300));

        var reply = await h.Messages.SendAsync(Alice, id, new SendMessageRequest(Content: "answer", ReplyToId: original.Id), None);

        Assert.Equal(original.Id, reply.Value.ReplyTo!.Id);
        Assert.Equal(original.Sequence, reply.Value.ReplyTo.Sequence);
        Assert.Equal("bob", reply.Value.ReplyTo.SenderId);
        Assert.True(reply.Value.ReplyTo.Preview!.Length <= 100);
        Assert.StartsWith("qqq", reply.Value.ReplyTo.Preview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_ReplyPreview_ShowsNothingOfADeletedTarget_AndTheEditedTextOfAnEditedOne()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var secret = await h.SendTextAsync(Bob, id, "my PIN is 4411");
        var typo = await h.SendTextAsync(Bob, id, "teh plan");
        for (var i = 0; i < 3; i++)
        {
            await h.SendTextAsync(Bob, id, $"filler {i}");
        }

        await h.Messages.SendAsync(Alice, id, new SendMessageRequest(Content: "ok", ReplyToId: secret.Id), None);
        await h.Messages.SendAsync(Alice, id, new SendMessageRequest(Content: "which plan?", ReplyToId: typo.Id), None);
        await h.Messages.DeleteAsync(Bob, id, secret.Id, None);
        await h.Messages.EditAsync(Bob, id, typo.Id, new EditMessageRequest("the plan"), None);

        var page = await h.Messages.GetHistoryAsync(Bob, id, new HistoryRequest(Limit: 2), None);

        Assert.Equal(secret.Id, page.Items[0].ReplyTo!.Id);
        Assert.Null(page.Items[0].ReplyTo!.Preview);
        Assert.Equal("the plan", page.Items[1].ReplyTo!.Preview);
        Assert.DoesNotContain("PIN is 4411", System.Text.Json.JsonSerializer.Serialize(page, Chat.Shared.Contracts.ChatJson.Options), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplyPreview_ShowsNothingOfADeletedTarget_OnTheRetryTheEditAndItsEvent_AndIsNeverStored()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var secret = await h.SendTextAsync(Bob, id, "my PIN is 4411");
        var request = new SendMessageRequest("reply-1", "ok", ReplyToId: secret.Id);
        var reply = await h.Messages.SendAsync(Alice, id, request, None);
        await h.Messages.DeleteAsync(Bob, id, secret.Id, None);

        var retried = await h.Messages.SendAsync(Alice, id, request, None);
        var edited = await h.Messages.EditAsync(Alice, id, reply.Value.Id, new EditMessageRequest("ok then"), None);

        Assert.Equal("my PIN is 4411", reply.Value.ReplyTo!.Preview);
        Assert.False(retried.Created);
        Assert.Equal(secret.Id, retried.Value.ReplyTo!.Id);
        Assert.Null(retried.Value.ReplyTo.Preview);
        Assert.Null(edited.Value.ReplyTo!.Preview);
        Assert.Null(Assert.IsType<MessageDto>(Assert.Single(edited.Events).Payload).ReplyTo!.Preview);
        await h.ProjectAsync();
        Assert.DoesNotContain("PIN is 4411", h.Store.Snapshot(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplyPreview_FollowsTheTargetsEdits_OnTheRetryOfTheReply()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var typo = await h.SendTextAsync(Bob, id, "teh plan");
        var request = new SendMessageRequest("reply-2", "which plan?", ReplyToId: typo.Id);
        await h.Messages.SendAsync(Alice, id, request, None);
        await h.Messages.EditAsync(Bob, id, typo.Id, new EditMessageRequest("the plan"), None);

        var retried = await h.Messages.SendAsync(Alice, id, request, None);

        Assert.Equal("the plan", retried.Value.ReplyTo!.Preview);
    }

    [Fact]
    public async Task History_WithoutReplies_MakesNoExtraRead()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        await h.SendTextAsync(Bob, id);
        h.Store.Calls.Clear();

        await h.Messages.GetHistoryAsync(Alice, id, new HistoryRequest(), None);

        Assert.Equal(2, h.Store.Calls.Values.Sum());
    }

    [Fact]
    public async Task Send_ReplyToMessageOfAnotherConversation_IsRejected()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var elsewhere = await h.DirectAsync(Alice, Carol);
        var foreign = await h.SendTextAsync(Carol, elsewhere);

        var error = await Assert.ThrowsAsync<ChatException>(() => h.Messages.SendAsync(Alice, id, new SendMessageRequest(Content: "x", ReplyToId: foreign.Id), None));

        Assert.Equal(ErrorCodes.ReplyNotFound, error.Error.Code);
    }

    [Fact]
    public async Task Send_WithUploadedAttachment_InfersTypeAndReturnsDownloadUrl()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var attachmentId = await h.UploadedAttachmentAsync(Alice, id, "image/png", 2048, "cat.png");

        var sent = await h.Messages.SendAsync(Alice, id, new SendMessageRequest(Content: "look", AttachmentIds: [attachmentId]), None);

        Assert.Equal(MessageType.Image, sent.Value.Type);
        var attachment = Assert.Single(sent.Value.Attachments);
        Assert.Equal(attachmentId, attachment.Id);
        Assert.Equal("cat.png", attachment.FileName);
        Assert.Equal(2048, attachment.SizeBytes);
        Assert.Equal(AttachmentKind.Image, attachment.Kind);
        Assert.Contains(AttachmentPolicy.BlobName(id, attachmentId), attachment.DownloadUrl.AbsolutePath, StringComparison.Ordinal);
        Assert.True(h.Blobs.IsAttached(AttachmentPolicy.BlobName(id, attachmentId)));
    }

    [Fact]
    public async Task Send_AttachmentNotYetUploaded_IsRejected()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var reserved = await h.Attachments.ReserveAsync(Alice, id, new ReserveAttachmentRequest("a.pdf", "application/pdf", 10), None);

        var error = await Assert.ThrowsAsync<ChatException>(() => h.Messages.SendAsync(Alice, id, new SendMessageRequest(AttachmentIds: [reserved.AttachmentId]), None));

        Assert.Equal(ErrorCodes.AttachmentNotUploaded, error.Error.Code);
        Assert.Empty(h.Store.AllMessages(id));
    }

    [Fact]
    public async Task Send_UploadLargerThanReserved_IsRejected()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var reserved = await h.Attachments.ReserveAsync(Alice, id, new ReserveAttachmentRequest("a.pdf", "application/pdf", 10), None);
        h.Blobs.SimulateClientUpload(AttachmentPolicy.BlobName(id, reserved.AttachmentId), 10_000_000, "application/pdf");

        var error = await Assert.ThrowsAsync<ChatException>(() => h.Messages.SendAsync(Alice, id, new SendMessageRequest(AttachmentIds: [reserved.AttachmentId]), None));

        Assert.Equal(ErrorCodes.AttachmentSizeMismatch, error.Error.Code);
    }

    [Fact]
    public async Task Send_SomeoneElsesUpload_IsTreatedAsMissing()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var bobsUpload = await h.UploadedAttachmentAsync(Bob, id);

        var error = await Assert.ThrowsAsync<ChatException>(() => h.Messages.SendAsync(Alice, id, new SendMessageRequest(AttachmentIds: [bobsUpload]), None));

        Assert.Equal(ErrorCodes.AttachmentNotFound, error.Error.Code);
    }

    [Fact]
    public async Task Send_AttachmentAlreadyUsedByAnotherMessage_IsAConflict()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var upload = await h.UploadedAttachmentAsync(Alice, id);
        await h.Messages.SendAsync(Alice, id, new SendMessageRequest(AttachmentIds: [upload]), None);

        var error = await Assert.ThrowsAsync<ChatException>(() => h.Messages.SendAsync(Alice, id, new SendMessageRequest(AttachmentIds: [upload]), None));

        Assert.Equal(ErrorCodes.AttachmentAlreadyUsed, error.Error.Code);
        Assert.Single(h.Store.AllMessages(id));
    }

    [Fact]
    public async Task Send_RetryOfMessageWithAttachment_ReturnsStoredMessage()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var upload = await h.UploadedAttachmentAsync(Alice, id);
        var request = new SendMessageRequest("with-file", AttachmentIds: [upload]);
        var first = await h.Messages.SendAsync(Alice, id, request, None);

        var retry = await h.Messages.SendAsync(Alice, id, request, None);

        Assert.False(retry.Created);
        Assert.Equal(first.Value.Id, retry.Value.Id);
        Assert.Single(h.Store.AllMessages(id));
    }

    [Fact]
    public async Task Send_RetryNamingOtherAttachments_StillReturnsTheStoredMessage()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var upload = await h.UploadedAttachmentAsync(Alice, id);
        var first = await h.Messages.SendAsync(Alice, id, new SendMessageRequest("tap", AttachmentIds: [upload]), None);
        var snapshot = h.Store.Snapshot();

        var retry = await h.Messages.SendAsync(Alice, id, new SendMessageRequest("tap", AttachmentIds: ["a_never_reserved"]), None);

        Assert.False(retry.Created);
        Assert.Equal(first.Value.Id, retry.Value.Id);
        Assert.Equal(snapshot, h.Store.Snapshot());
    }

    [Fact]
    public async Task SendWithFile_StoresTheFileAndAttachesIt()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        using var bytes = new MemoryStream(new byte[300]);

        var sent = await h.Messages.SendWithFileAsync(Alice, id, new SendMessageRequest(Content: "doc"), new UploadedFile("../../report.pdf", "application/pdf", 300, bytes), None);

        var attachment = Assert.Single(sent.Value.Attachments);
        Assert.Equal(MessageType.File, sent.Value.Type);
        Assert.Equal("report.pdf", attachment.FileName);
        Assert.True(h.Blobs.IsAttached(AttachmentPolicy.BlobName(id, attachment.Id)));
    }

    [Fact]
    public async Task SendWithFile_OverMultipartLimit_IsTooLarge_AndStoresNothing()
    {
        var h = new ChatHarness(new ChatOptions { MaxMultipartBytes = 100 });
        var id = await h.DirectAsync(Alice, Bob);
        using var bytes = new MemoryStream(new byte[101]);
        var snapshot = h.Store.Snapshot();

        var error = await Assert.ThrowsAsync<ChatException>(() =>
            h.Messages.SendWithFileAsync(Alice, id, new SendMessageRequest(), new UploadedFile("a.pdf", "application/pdf", 101, bytes), None));

        Assert.Equal(ChatErrorKind.PayloadTooLarge, error.Error.Kind);
        Assert.Equal(snapshot, h.Store.Snapshot());
    }

    [Fact]
    public async Task SendWithFile_RetryWithClientMessageId_DoesNotStoreTheFileAgain()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        using var first = new MemoryStream(new byte[10]);
        using var second = new MemoryStream(new byte[10]);
        var sent = await h.Messages.SendWithFileAsync(Alice, id, new SendMessageRequest("f-1"), new UploadedFile("a.png", "image/png", 10, first), None);
        var snapshot = h.Store.Snapshot();

        var retry = await h.Messages.SendWithFileAsync(Alice, id, new SendMessageRequest("f-1"), new UploadedFile("a.png", "image/png", 10, second), None);

        Assert.False(retry.Created);
        Assert.Equal(sent.Value.Id, retry.Value.Id);
        Assert.Equal(snapshot, h.Store.Snapshot());
    }

    [Fact]
    public async Task History_LatestPage_IsOldestToNewest_WithCursorToOlder()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        for (var i = 1; i <= 5; i++)
        {
            await h.SendTextAsync(Alice, id, $"m{i}");
        }

        var latest = await h.Messages.GetHistoryAsync(Bob, id, new HistoryRequest(Limit: 2), None);
        var older = await h.Messages.GetHistoryAsync(Bob, id, new HistoryRequest(Before: latest.NextCursor, Limit: 2), None);
        var oldest = await h.Messages.GetHistoryAsync(Bob, id, new HistoryRequest(Before: older.NextCursor, Limit: 2), None);

        Assert.Equal(["m4", "m5"], latest.Items.Select(m => m.Content));
        Assert.True(latest.HasMore);
        Assert.Equal(["m2", "m3"], older.Items.Select(m => m.Content));
        Assert.Equal(["m1"], oldest.Items.Select(m => m.Content));
        Assert.False(oldest.HasMore);
        Assert.Null(oldest.NextCursor);
    }

    [Fact]
    public async Task History_After_ReturnsEverythingNewer_ForCatchUp()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var seen = await h.SendTextAsync(Alice, id, "seen");
        await h.SendTextAsync(Alice, id, "missed 1");
        await h.SendTextAsync(Bob, id, "missed 2");

        var page = await h.Messages.GetHistoryAsync(Bob, id, new HistoryRequest(After: seen.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)), None);
        var nothingNew = await h.Messages.GetHistoryAsync(Bob, id, new HistoryRequest(After: page.NextCursor), None);

        Assert.Equal(["missed 1", "missed 2"], page.Items.Select(m => m.Content));
        Assert.False(page.HasMore);
        Assert.Empty(nothingNew.Items);
        Assert.Equal(page.NextCursor, nothingNew.NextCursor);
    }

    [Fact]
    public async Task History_After_PagesForward_WhenMoreThanLimit()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        for (var i = 1; i <= 5; i++)
        {
            await h.SendTextAsync(Alice, id, $"m{i}");
        }

        var first = await h.Messages.GetHistoryAsync(Bob, id, new HistoryRequest(After: "0", Limit: 3), None);
        var rest = await h.Messages.GetHistoryAsync(Bob, id, new HistoryRequest(After: first.NextCursor, Limit: 3), None);

        Assert.Equal([1L, 2, 3], first.Items.Select(m => m.Sequence));
        Assert.True(first.HasMore);
        Assert.Equal([4L, 5], rest.Items.Select(m => m.Sequence));
        Assert.False(rest.HasMore);
    }

    [Fact]
    public async Task History_ShowsStatusOnCallersOwnMessagesOnly()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        await h.SendTextAsync(Alice, id, "mine");

        var asAlice = await h.Messages.GetHistoryAsync(Alice, id, new HistoryRequest(), None);
        var asBob = await h.Messages.GetHistoryAsync(Bob, id, new HistoryRequest(), None);

        Assert.Equal(MessageStatus.Sent, asAlice.Items[0].Status);
        Assert.Null(asBob.Items[0].Status);
    }

    [Fact]
    public async Task Send_CountsAsReadingEverythingBefore_ForTheSender()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        await h.SendTextAsync(Alice, id, "question");

        await h.SendTextAsync(Bob, id, "answer");

        var asAlice = await h.Messages.GetHistoryAsync(Alice, id, new HistoryRequest(), None);
        Assert.Equal(MessageStatus.Read, asAlice.Items[0].Status);
        Assert.Equal(0, (await h.Conversations.GetUnreadAsync(Bob, None)).Total);
    }

    [Theory]
    [InlineData("abc", null, null, ErrorCodes.InvalidCursor)]
    [InlineData("-1", null, null, ErrorCodes.InvalidCursor)]
    [InlineData("1.5", null, null, ErrorCodes.InvalidCursor)]
    [InlineData("99999999999999999999", null, null, ErrorCodes.InvalidCursor)]
    [InlineData(null, "", null, ErrorCodes.InvalidCursor)]
    [InlineData("1", "2", null, ErrorCodes.ConflictingCursors)]
    [InlineData(null, null, 0, ErrorCodes.InvalidLimit)]
    [InlineData(null, null, 101, ErrorCodes.InvalidLimit)]
    public async Task History_RejectsBadPagingParameters(string? before, string? after, int? limit, string code)
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);

        var error = await Assert.ThrowsAsync<ChatException>(() => h.Messages.GetHistoryAsync(Alice, id, new HistoryRequest(before, after, limit), None));

        Assert.Equal(code, error.Error.Code);
    }

    [Fact]
    public async Task History_IsHiddenFromNonParticipants()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        await h.SendTextAsync(Alice, id, "secret");

        var error = await Assert.ThrowsAsync<ChatException>(() => h.Messages.GetHistoryAsync(Mallory, id, new HistoryRequest(), None));

        Assert.Equal(ErrorCodes.ConversationNotFound, error.Error.Code);
    }

    [Fact]
    public async Task Edit_OwnMessageWithinWindow_UpdatesContentAndNotifiesAll()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var sent = await h.SendTextAsync(Alice, id, "teh");
        h.Clock.Advance(TimeSpan.FromMinutes(14));

        var edited = await h.Messages.EditAsync(Alice, id, sent.Id, new EditMessageRequest("the"), None);

        Assert.Equal("the", edited.Value.Content);
        Assert.Equal(h.Clock.GetUtcNow(), edited.Value.EditedAt);
        var e = Assert.Single(edited.Events);
        Assert.Equal(EventTargets.MessageUpdated, e.Target);
        Assert.Equal(EventAudience.Conversation(id), e.Audience);
        await h.ProjectAsync();
        Assert.Equal("the", h.Store.AllMessages(id).Single().Content);
        var summary = await h.Conversations.GetAsync(Bob, id, None);
        Assert.Equal("the", summary.LastMessage!.Text);
    }

    [Fact]
    public async Task Edit_ThatChangesNothing_WritesAndSendsNothing()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var sent = await h.SendTextAsync(Alice, id, "same");
        var snapshot = h.Store.Snapshot();

        var edited = await h.Messages.EditAsync(Alice, id, sent.Id, new EditMessageRequest("same"), None);

        Assert.Empty(edited.Events);
        Assert.Null(edited.Value.EditedAt);
        Assert.Equal(snapshot, h.Store.Snapshot());
    }

    [Fact]
    public async Task Edit_SomeoneElsesMessage_IsForbidden_AndChangesNothing()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var sent = await h.SendTextAsync(Alice, id, "original");
        var snapshot = h.Store.Snapshot();

        var error = await Assert.ThrowsAsync<ChatException>(() => h.Messages.EditAsync(Bob, id, sent.Id, new EditMessageRequest("hacked"), None));

        Assert.Equal(ChatErrorKind.Forbidden, error.Error.Kind);
        Assert.Equal(ErrorCodes.NotSender, error.Error.Code);
        Assert.Equal(snapshot, h.Store.Snapshot());
    }

    [Fact]
    public async Task Edit_AfterWindow_IsAConflictWithItsCode()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var sent = await h.SendTextAsync(Alice, id);
        h.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<ChatException>(() => h.Messages.EditAsync(Alice, id, sent.Id, new EditMessageRequest("late"), None));

        Assert.Equal(ChatErrorKind.Conflict, error.Error.Kind);
        Assert.Equal(ErrorCodes.EditWindowExpired, error.Error.Code);
    }

    [Fact]
    public async Task Edit_RejectsEmptyOrTooLongContent_AndUnknownMessage()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var sent = await h.SendTextAsync(Alice, id);

        var empty = await Assert.ThrowsAsync<ChatException>(() => h.Messages.EditAsync(Alice, id, sent.Id, new EditMessageRequest(""), None));
        var tooLong = await Assert.ThrowsAsync<ChatException>(() => h.Messages.EditAsync(Alice, id, sent.Id, new EditMessageRequest(new string('x', 4001)), None));
        var unknown = await Assert.ThrowsAsync<ChatException>(() => h.Messages.EditAsync(Alice, id, "m_nope", new EditMessageRequest("x"), None));

        Assert.Equal(ErrorCodes.ContentRequired, empty.Error.Code);
        Assert.Equal(ErrorCodes.ContentTooLong, tooLong.Error.Code);
        Assert.Equal(ErrorCodes.MessageNotFound, unknown.Error.Code);
    }

    [Fact]
    public async Task Edit_DeletedMessage_IsAConflict()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var sent = await h.SendTextAsync(Alice, id);
        await h.Messages.DeleteAsync(Alice, id, sent.Id, None);

        var error = await Assert.ThrowsAsync<ChatException>(() => h.Messages.EditAsync(Alice, id, sent.Id, new EditMessageRequest("back"), None));

        Assert.Equal(ErrorCodes.MessageDeleted, error.Error.Code);
    }

    [Fact]
    public async Task Delete_LeavesTombstone_RemovesBlobs_AndNotifiesAll()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var upload = await h.UploadedAttachmentAsync(Alice, id);
        var sent = await h.Messages.SendAsync(Alice, id, new SendMessageRequest(Content: "caption", AttachmentIds: [upload]), None);

        var deleted = await h.Messages.DeleteAsync(Alice, id, sent.Value.Id, None);

        var stored = h.Store.AllMessages(id).Single();
        Assert.NotNull(stored.DeletedAt);
        Assert.Null(stored.Content);
        Assert.Empty(stored.Attachments);
        Assert.Equal(sent.Value.Sequence, stored.Sequence);
        Assert.Contains(AttachmentPolicy.BlobName(id, upload), h.Blobs.Deleted);
        var e = Assert.Single(deleted.Events);
        Assert.Equal(EventAudience.Conversation(id), e.Audience);
        var payload = Assert.IsType<MessageDeletedEvent>(e.Payload);
        Assert.Equal(new MessageDeletedEvent(id, sent.Value.Id, 1, h.Clock.GetUtcNow()), payload);
        var history = await h.Messages.GetHistoryAsync(Bob, id, new HistoryRequest(), None);
        Assert.NotNull(Assert.Single(history.Items).DeletedAt);
        Assert.True((await h.Conversations.GetAsync(Bob, id, None)).LastMessage!.Deleted);
    }

    [Fact]
    public async Task Delete_Twice_IsQuietTheSecondTime()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var sent = await h.SendTextAsync(Alice, id);
        await h.Messages.DeleteAsync(Alice, id, sent.Id, None);
        var snapshot = h.Store.Snapshot();

        var again = await h.Messages.DeleteAsync(Alice, id, sent.Id, None);

        Assert.Empty(again.Events);
        Assert.Equal(snapshot, h.Store.Snapshot());
    }

    [Fact]
    public async Task Delete_SomeoneElsesMessage_IsForbidden()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var sent = await h.SendTextAsync(Alice, id);

        var error = await Assert.ThrowsAsync<ChatException>(() => h.Messages.DeleteAsync(Bob, id, sent.Id, None));

        Assert.Equal(ChatErrorKind.Forbidden, error.Error.Kind);
        Assert.Null(h.Store.AllMessages(id).Single().DeletedAt);
    }

    [Fact]
    public async Task Delete_ByNonParticipant_IsNotFound()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var sent = await h.SendTextAsync(Alice, id);

        var error = await Assert.ThrowsAsync<ChatException>(() => h.Messages.DeleteAsync(Mallory, id, sent.Id, None));

        Assert.Equal(ErrorCodes.ConversationNotFound, error.Error.Code);
    }

    [Fact]
    public async Task Delete_AfterWindow_IsAConflictWithItsCode()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var sent = await h.SendTextAsync(Alice, id);
        h.Clock.Advance(TimeSpan.FromMinutes(31));

        var error = await Assert.ThrowsAsync<ChatException>(() => h.Messages.DeleteAsync(Alice, id, sent.Id, None));

        Assert.Equal(ErrorCodes.DeleteWindowExpired, error.Error.Code);
        Assert.Null(h.Store.AllMessages(id).Single().DeletedAt);
    }

    [Fact]
    public async Task Delete_StillSucceeds_WhenBlobRemovalFails()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var upload = await h.UploadedAttachmentAsync(Alice, id);
        var sent = await h.Messages.SendAsync(Alice, id, new SendMessageRequest(AttachmentIds: [upload]), None);
        h.Blobs.FailDelete = _ => new IOException("storage down");

        var deleted = await h.Messages.DeleteAsync(Alice, id, sent.Value.Id, None);

        Assert.NotNull(deleted.Value.DeletedAt);
    }
}
