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
        Presence = new InMemoryPresenceStore(Store.Metrics);
        Deps = new ChatDependencies(Store, Typing, Presence, Blobs, Clock, new RandomIdGenerator(Clock), wrapped, new ConcurrencyBackoff(TimeProvider.System, wrapped));
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
        PresenceService = new PresenceService(Deps, NullLogger<PresenceService>.Instance);
        PresenceSweeper = new PresenceSweeper(Deps, PresenceService, NullLogger<PresenceSweeper>.Instance);
        ProfileService = new ProfileService(Deps, Profiles);
        Users = new UserService(Deps, Profiles);
        ServerConversations = new ServerConversationService(Deps, Store);
        Erasure = new ErasureService(Deps, Profiles, Store, EventStates, Membership, NullLogger<ErasureService>.Instance);
        ErasureSweeper = new ErasureSweeper(Deps, Profiles, Erasure, NullLogger<ErasureSweeper>.Instance);
        Export = new ExportService(Deps, Profiles, Store, EventStates);
        ProfileProjector = new ProfileProjector(Profiles, Store);
        ProfileFill = new MemberProfileFill(Profiles, Store, Clock);
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
    public InMemoryPresenceStore Presence { get; }

    /// <summary>The connections SignalR Service would say are open (the presence sweep asks it).</summary>
    public FakeConnectionDirectory Connections { get; } = new();
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
    public PresenceService PresenceService { get; }
    public PresenceSweeper PresenceSweeper { get; }

    public InMemoryProfileStore Profiles { get; } = new();
    public ProfileService ProfileService { get; }
    public UserService Users { get; }
    public ServerConversationService ServerConversations { get; }
    public ErasureService Erasure { get; }
    public ErasureSweeper ErasureSweeper { get; }
    public ExportService Export { get; }
    public ProfileProjector ProfileProjector { get; }
    public MemberProfileFill ProfileFill { get; }

    /// <summary>
    /// Runs the profile change feeds as the two Cosmos DB triggers do: the member profile fill over the member documents
    /// changed since the last call, then the profile projection over the profiles changed since the last call.
    /// </summary>
    public async Task ProjectProfilesAsync()
    {
        await ProfileFill.ApplyAsync(Store.DrainMembersToFill(), CancellationToken.None);
        await ProfileProjector.ApplyAsync(Profiles.DrainFeed(), CancellationToken.None);
    }

    /// <summary>Every projection until nothing is left to project (the fill, the profile projection, the list projection).</summary>
    public async Task ProjectAllAsync()
    {
        for (var round = 0; round < 10; round++)
        {
            var fill = Store.DrainMembersToFill();
            var profiles = Profiles.DrainFeed();
            var lists = Store.DrainFeed();
            if (fill.Count == 0 && profiles.Count == 0 && lists.Count == 0)
            {
                return;
            }

            await ProfileFill.ApplyAsync(fill, CancellationToken.None);
            await ProfileProjector.ApplyAsync(profiles, CancellationToken.None);
            await Projector.ApplyAsync(lists, CancellationToken.None);
        }

        throw new InvalidOperationException("The projections did not settle in 10 rounds.");
    }

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

    /// <summary>A client of <paramref name="user"/> connects: SignalR Service knows the connection and sends <c>connected</c>.</summary>
    public async Task<IReadOnlyList<RealtimeEvent>> ConnectAsync(ChatUser user, string connectionId) =>
        (await ConnectWithGroupsAsync(user, connectionId)).Events;

    /// <summary>A client of <paramref name="user"/> connects: everything the connection trigger sends (group joins, then events).</summary>
    public Task<SignalRActions> ConnectWithGroupsAsync(ChatUser user, string connectionId)
    {
        Connections.Open(connectionId);
        return PresenceService.OnConnectedAsync(user.Id, connectionId, CancellationToken.None);
    }

    /// <summary>A client of <paramref name="user"/> disconnects: the connection is gone and <c>disconnected</c> is sent.</summary>
    public Task<IReadOnlyList<RealtimeEvent>> DisconnectAsync(ChatUser user, string connectionId)
    {
        Connections.Close(connectionId);
        return PresenceService.DisconnectedAsync(user.Id, connectionId, CancellationToken.None);
    }

    /// <summary>One run of the presence sweep, asking <see cref="Connections"/> about connections whose lease ran out.</summary>
    public Task<PresenceSweepReport> SweepPresenceAsync() => PresenceSweeper.RunAsync(Connections, CancellationToken.None);

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
