using Chat.Shared.Application;
using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Events;
using Chat.Shared.Realtime;
using Chat.Shared.Storage.Cosmos;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Chat.TestSupport;

/// <summary>The chat core wired to the test doubles and a fake clock, with small helpers to arrange state.</summary>
public sealed class ChatHarness
{
    public static readonly ChatUser Alice = new("alice", "Alice");
    public static readonly ChatUser Bob = new("bob", "Bob");
    public static readonly ChatUser Carol = new("carol", "Carol");
    public static readonly ChatUser Mallory = new("mallory", "Mallory");

    public ChatHarness(ChatOptions? options = null, NotificationOptions? notifications = null)
    {
        Options = options ?? new ChatOptions();
        NotificationOptions = notifications ?? new NotificationOptions();
        var wrapped = Microsoft.Extensions.Options.Options.Create(Options);

        // Backoff waits in real time (a few milliseconds): the fake clock only moves when a test moves it.
        Deps = new ChatDependencies(Store, Typing, Blobs, Clock, new RandomIdGenerator(Clock), wrapped, new ConcurrencyBackoff(TimeProvider.System, wrapped));
        Views = new Views(Deps);
        Conversations = new ConversationService(Deps);
        Attachments = new AttachmentService(Deps);
        Messages = new MessageService(Deps, Attachments, Views, NullLogger<MessageService>.Instance);
        Receipts = new ReceiptService(Deps);
        TypingService = new TypingService(Deps);
        Sweeper = new TypingSweeper(Deps, NullLogger<TypingSweeper>.Instance);
        Projector = new ConversationListProjector(Store, Clock);
        Sync = new SyncService(Deps, Messages);
        Membership = new MembershipService(Deps, Views);
        var events = Microsoft.Extensions.Options.Options.Create(EventOptions);
        var notificationOptions = Microsoft.Extensions.Options.Options.Create(NotificationOptions);
        EventDispatcher = new ChatEventDispatcher(Store, EventStates, Events, Clock, events, notificationOptions, NullLogger<ChatEventDispatcher>.Instance);
        EventFeed = new EventChangeFeed(EventDispatcher);
        NotificationSweeper = new NotificationSweeper(Store, EventStates, Events, Online, Clock, events, notificationOptions, NullLogger<NotificationSweeper>.Instance);
    }

    public ChatOptions Options { get; }
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    public InMemoryChatStore Store { get; } = new();
    public InMemoryTypingStore Typing { get; } = new();
    public InMemoryAttachmentStore Blobs { get; } = new();
    public ChatDependencies Deps { get; }
    public Views Views { get; }
    public ConversationService Conversations { get; }
    public AttachmentService Attachments { get; }
    public MessageService Messages { get; }
    public ReceiptService Receipts { get; }
    public TypingService TypingService { get; }
    public TypingSweeper Sweeper { get; }
    public ConversationListProjector Projector { get; }
    public SyncService Sync { get; }
    public MembershipService Membership { get; }

    /// <summary>Events to the app's backend: on, as in Azure.</summary>
    public ChatEventsOptions EventOptions { get; } = new() { Enabled = true };
    public NotificationOptions NotificationOptions { get; }
    public RecordingChatEventPublisher Events { get; } = new();
    public InMemoryEventStateStore EventStates { get; } = new();
    public SettableOnlineStatus Online { get; } = new();
    public ChatEventDispatcher EventDispatcher { get; }
    public EventChangeFeed EventFeed { get; }
    public NotificationSweeper NotificationSweeper { get; }

    /// <summary>Runs the change feed's documents written since the last call through the event publisher, as its Cosmos DB trigger does.</summary>
    public Task<int> PublishEventsAsync() => EventFeed.HandleAsync(Store.DrainDocuments(), CancellationToken.None);

    /// <summary>Runs the change feed drained since the last call through the projection, as the Cosmos DB trigger does.</summary>
    public Task<IReadOnlyList<RealtimeEvent>> ProjectAsync() => Projector.ApplyAsync(Store.DrainFeed(), CancellationToken.None);

    public async Task<string> DirectAsync(ChatUser a, ChatUser b)
    {
        var id = (await Conversations.CreateAsync(a, new CreateConversationRequest([b.Id]), CancellationToken.None)).Value.Id;
        await ProjectAsync();
        return id;
    }

    public async Task<string> GroupAsync(ChatUser creator, params ChatUser[] others)
    {
        // A key makes it a group even with one other participant (no key + one other = direct).
        var key = "group-" + Guid.NewGuid().ToString("N");
        var id = (await Conversations.CreateAsync(creator, new CreateConversationRequest(others.Select(o => o.Id).ToList(), "Group", Key: key), CancellationToken.None)).Value.Id;
        await ProjectAsync();
        return id;
    }

    public async Task<MessageDto> SendTextAsync(ChatUser user, string conversationId, string content = "hello", string? clientMessageId = null)
    {
        var message = (await Messages.SendAsync(user, conversationId, new SendMessageRequest(clientMessageId, content), CancellationToken.None)).Value;
        await ProjectAsync();
        return message;
    }

    /// <summary>Reserves an upload and plays the client's upload of it.</summary>
    public async Task<string> UploadedAttachmentAsync(ChatUser user, string conversationId, string contentType = "image/png", long size = 1234, string fileName = "photo.png")
    {
        var upload = await Attachments.ReserveAsync(user, conversationId, new ReserveAttachmentRequest(fileName, contentType, size), CancellationToken.None);
        Blobs.SimulateClientUpload(AttachmentPolicy.BlobName(conversationId, upload.AttachmentId), size, contentType);
        return upload.AttachmentId;
    }
}
