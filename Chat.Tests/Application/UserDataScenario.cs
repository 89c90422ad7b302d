using Chat.Shared.Application;
using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.TestSupport;
using static Chat.TestSupport.ChatHarness;

namespace Chat.Tests.Application;

/// <summary>
/// A user (bob) with a document of every kind the store holds: a profile listed in the directory, conversation
/// references, an old completed erasure, a group and a direct conversation (member, delivery, typing, messages with an
/// attachment and a reply, a pending upload, reactions, a notification), a group bob left, presence, and list entries.
/// </summary>
internal static class UserDataScenario
{
    private static readonly CancellationToken None = CancellationToken.None;

    public static async Task<Seeded> SeedAsync(ChatHarness h)
    {
        var previous = (await h.Profiles.TryPutErasureAsync(ErasureJob.Start("bob", null, h.Clock.GetUtcNow().AddDays(-40)), None))!;
        await h.Profiles.TryPutErasureAsync(previous with { Status = ErasureStatus.Completed, Phase = ErasurePhase.Completed, CompletedAt = previous.StartedAt }, None);
        await h.ProfileService.UpsertAsync("bob", new UpsertProfileRequest("Bob Builder", "https://cdn.test/bob.png", new Dictionary<string, string> { ["tier"] = "gold" }, true), None);

        var group = await h.GroupAsync(Alice, Bob, Carol);
        var direct = await h.DirectAsync(Alice, Bob);
        var left = await h.GroupAsync(Carol, Bob, Alice);

        var photo = await h.UploadedAttachmentAsync(Bob, group);
        var withPhoto = (await h.Messages.SendAsync(Bob, group, new SendMessageRequest("photo-1", "look", AttachmentIds: [photo]), None)).Value;
        var fromAlice = await h.SendTextAsync(Alice, group, "nice");
        await h.Messages.SendAsync(Bob, group, new SendMessageRequest("reply-1", "thanks", ReplyToId: fromAlice.Id), None);
        await h.Messages.ReactAsync(Bob, group, fromAlice.Id, "👍", add: true, None);
        var later = await h.SendTextAsync(Alice, group, "see you");
        await h.Receipts.MarkDeliveredAsync(Bob, group, new MarkPositionRequest(later.Id), None);

        // Bob is notified of what he has not read; carol read it, so a newer message keeps the window (and bob's
        // settled position in it) open.
        await h.Receipts.MarkReadAsync(Carol, group, new MarkPositionRequest(later.Id), None);
        h.Clock.Advance(h.NotificationOptions.Delay);
        await h.SendTextAsync(Alice, group, "one more");
        await h.PublishEventsAsync();
        await h.NotificationSweeper.RunAsync(None);

        var pending = await h.UploadedAttachmentAsync(Bob, group, fileName: "draft.pdf", contentType: "application/pdf");
        await h.TypingService.SetAsync(Bob, group, new TypingRequest(true), None);
        await h.ConnectAsync(Bob, "bob-phone");

        await h.SendTextAsync(Bob, direct, "hi alice");
        await h.SendTextAsync(Bob, left, "before I go");
        await h.Membership.RemoveParticipantAsync(Bob, left, "bob", None);
        await h.ProjectAllAsync();
        return new Seeded(group, direct, left, withPhoto.Attachments.Single().Id, pending);
    }

    /// <summary>Every document about bob still stored, per kind, and what erasure must have left of it.</summary>
    public static async Task AssertErasedAsync(ChatHarness h, string userId)
    {
        foreach (var (kind, handling) in UserDataKinds.Handling)
        {
            var remaining = await RemainingAsync(h, userId, kind);
            switch (handling.Erasure)
            {
                case ErasureOutcome.Deleted:
                    Assert.True(remaining.Count == 0, $"{kind}: {remaining.Count} left after erasure");
                    break;
                case ErasureOutcome.Scrubbed:
                    Assert.All(remaining, document =>
                    {
                        if (document is ConversationEventState state)
                        {
                            Assert.Fail($"{kind}: {userId}'s position is still in the notification window of {state.ConversationId}");
                        }

                        var message = Assert.IsType<Message>(document);
                        Assert.True(message.IsDeleted);
                        Assert.Equal((null, null, null), (message.Content, message.SenderName, message.ClientMessageId));
                        Assert.Empty(message.Attachments);
                        Assert.Empty(message.Metadata);
                        Assert.Empty(message.Reactions);
                    });
                    break;
                default:
                    Assert.All(remaining, document =>
                    {
                        if (document is Conversation conversation)
                        {
                            Assert.DoesNotContain(userId, conversation.MemberIds);
                        }
                    });
                    break;
            }
        }
    }

    /// <summary>
    /// The stored documents of one kind that are about <paramref name="userId"/>. A kind this does not know fails, so a
    /// new kind of document cannot go unchecked.
    /// </summary>
    public static async Task<IReadOnlyList<object>> RemainingAsync(ChatHarness h, string userId, string kind)
    {
        var stored = h.Store.DocumentsOf(userId).Where(d => d.Kind == kind).Select(d => d.Document).ToList();
        return kind switch
        {
            UserDataKinds.Conversation or UserDataKinds.Member or UserDataKinds.Delivery or UserDataKinds.Message
                or UserDataKinds.Attachment or UserDataKinds.UserConversation => stored,
            UserDataKinds.Typing => h.Typing.Snapshot().Contains(userId, StringComparison.Ordinal) ? ["typing"] : [],
            UserDataKinds.Presence => await h.Presence.GetAsync(userId, None) is { } presence ? [presence] : [],
            UserDataKinds.EventState => h.EventStates.All().Where(state => state.ProgressOf(userId) is not null).Cast<object>().ToList(),
            UserDataKinds.Profile => (await h.Profiles.ReadUserAsync(userId, None)).Profile is { } profile ? [profile] : [],
            UserDataKinds.Erasure => (await h.Profiles.ReadUserAsync(userId, None)).Erasure is { } job ? [job] : [],
            UserDataKinds.ConversationRef => h.Profiles.ReferencesOf(userId).Cast<object>().ToList(),
            UserDataKinds.DirectoryEntry => h.Profiles.EntriesOf(userId).Cast<object>().ToList(),
            _ => throw new InvalidOperationException($"No check for documents of kind '{kind}': add one here and handle the kind in export and erasure."),
        };
    }

    public sealed record Seeded(string Group, string Direct, string Left, string PhotoAttachment, string PendingUpload);
}
