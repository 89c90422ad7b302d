using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Chat.Shared.Application;
using Chat.Shared.Auth;
using Chat.Shared.Domain;
using Chat.Shared.Http;
using Chat.Shared.Realtime;
using Chat.Shared.Storage;
using Chat.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.Http;

/// <summary>
/// The API over real HTTP: a WebApplication on the test server that maps the shared route table
/// (<see cref="ChatApi.MapChatApi"/>) to the Chat.Shared handlers, authenticates with the same
/// <see cref="ChatTokenValidator"/> first, records the events the handlers return and runs on the in-memory doubles.
/// </summary>
public sealed class ChatApiHost : IAsyncDisposable
{
    public const string Issuer = "https://dev.funcchat.test";
    public const string Audience = "funcchat-api";
    public const long MaxMultipartBytes = 64 * 1024;

    public static readonly string SigningKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray());
    public static readonly DevTokenSettings TokenSettings = new(SigningKey, Issuer, Audience);

    private readonly WebApplication _app;

    private ChatApiHost(WebApplication app, ChatApiHostState state)
    {
        _app = app;
        State = state;
        Client = app.GetTestClient();
    }

    public ChatApiHostState State { get; }

    public InMemoryChatStore Store => State.Store;

    public InMemoryTypingStore Typing => State.Typing;

    public InMemoryPresenceStore Presence => State.Presence;

    public InMemoryAttachmentStore Blobs => State.Blobs;

    public FakeTimeProvider Clock => State.Clock;

    public ConcurrentQueue<RealtimeEvent> Events => State.Events;

    /// <summary>A client without credentials.</summary>
    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ChatApiHost> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(DefaultSettings());
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        var state = new ChatApiHostState();
        builder.Services.AddSingleton<TimeProvider>(state.Clock);

        // Backoff between lost races waits in real time: the fake clock only moves when a test moves it.
        builder.Services.AddSingleton(sp => new ConcurrencyBackoff(TimeProvider.System, sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ChatOptions>>()));
        builder.Services.AddSingleton<IChatStore>(state.Store);
        builder.Services.AddSingleton<ITypingStore>(state.Typing);
        builder.Services.AddSingleton<IPresenceStore>(state.Presence);
        builder.Services.AddSingleton<IAttachmentStore>(state.Blobs);
        builder.Services.AddSingleton<IProfileStore>(state.Profiles);
        builder.Services.AddSingleton<IUserDataStore>(state.Store);
        builder.Services.AddSingleton<IEventStateStore>(state.EventStates);
        builder.Services.AddChatHttp();
        services?.Invoke(builder.Services);

        var app = builder.Build();
        var projector = app.Services.GetRequiredService<ConversationListProjector>();
        state.ProfileFeeds = (app.Services.GetRequiredService<MemberProfileFill>(), app.Services.GetRequiredService<ProfileProjector>());
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            finally
            {
                // The change feed runs after every write, whether or not the request's own publish worked.
                if (state.ProjectAfterEachRequest)
                {
                    await state.ProjectAsync(projector);
                }
            }
        });
        app.UseChatAuthentication();
        app.MapChatApi(new StatePublisher(state), FakeNegotiateAsync);
        await app.StartAsync();
        return new ChatApiHost(app, state);
    }

    public static string TokenFor(ChatUser user, TimeSpan? lifetime = null) =>
        DevTokenIssuer.Issue(TokenSettings, user.Id, user.DisplayName, lifetime ?? TimeSpan.FromHours(1), DateTimeOffset.UtcNow);

    /// <summary>A development token of the server principal (the app's backend).</summary>
    public static string ServerToken(TimeSpan? lifetime = null) =>
        DevTokenIssuer.IssueServer(TokenSettings, "backend", lifetime ?? TimeSpan.FromHours(1), DateTimeOffset.UtcNow);

    /// <summary>A client that sends a fresh server-principal token.</summary>
    public HttpClient ServerClient()
    {
        var client = _app.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ServerToken());
        return client;
    }

    public InMemoryProfileStore Profiles => State.Profiles;

    /// <summary>A client that sends a fresh development token of <paramref name="user"/>.</summary>
    public HttpClient ClientFor(ChatUser user)
    {
        var client = _app.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(user));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static Dictionary<string, string?> DefaultSettings() => new()
    {
        ["Chat:Auth:DevSigningKey"] = SigningKey,
        ["Chat:Auth:Issuer"] = Issuer,
        ["Chat:Auth:Audience"] = Audience,
        ["Chat:MaxMultipartBytes"] = MaxMultipartBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Stands in for ServerlessHub.NegotiateAsync: connection info whose token names the user it was made for.</summary>
    private static Task<BinaryData> FakeNegotiateAsync(string userId, CancellationToken cancellationToken) =>
        Task.FromResult(BinaryData.FromObjectAsJson(new { url = "https://signalr.test/client/?hub=chat", accessToken = "signalr:" + userId }));
}

/// <summary>
/// Records the group changes and events each handler returns, or fails as the SignalR output binding can
/// (<see cref="ChatApiHostState.FailPublish"/>).
/// </summary>
internal sealed class StatePublisher(ChatApiHostState state) : IRealtimePublisher
{
    public Task ApplyGroupChangesAsync(IReadOnlyList<GroupChange> changes, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            state.Groups.Enqueue(change);
        }

        return Task.CompletedTask;
    }

    public Task PublishAsync(IReadOnlyList<RealtimeEvent> events, CancellationToken cancellationToken)
    {
        if (state.FailPublish)
        {
            throw new InvalidOperationException("SignalR is unavailable.");
        }

        foreach (var e in events)
        {
            state.Events.Enqueue(e);
        }

        return Task.CompletedTask;
    }
}

/// <summary>The doubles behind a <see cref="ChatApiHost"/>.</summary>
public sealed class ChatApiHostState
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    public InMemoryChatStore Store { get; } = new();
    public InMemoryTypingStore Typing { get; } = new();
    public InMemoryPresenceStore Presence { get; } = new();
    public InMemoryAttachmentStore Blobs { get; } = new();
    public InMemoryProfileStore Profiles { get; } = new();
    public InMemoryEventStateStore EventStates { get; } = new();
    public ConcurrentQueue<RealtimeEvent> Events { get; } = new();

    /// <summary>The two profile change-feed consumers, run with the list projection after every request.</summary>
    internal (MemberProfileFill Fill, ProfileProjector Projector)? ProfileFeeds { get; set; }

    /// <summary>The SignalR group changes the handlers returned, in order.</summary>
    public ConcurrentQueue<GroupChange> Groups { get; } = new();

    /// <summary>
    /// When set (the default), the change feed is run through the projection after every request, as the Cosmos DB
    /// trigger would a moment later, and its <c>conversationUpdated</c> events are recorded.
    /// </summary>
    public bool ProjectAfterEachRequest { get; set; } = true;

    /// <summary>Runs the change feed drained since the last call through <paramref name="projector"/> and records its events.</summary>
    public async Task ProjectAsync(ConversationListProjector projector)
    {
        if (ProfileFeeds is var (fill, profiles))
        {
            await fill.ApplyAsync(Store.DrainMembersToFill(), CancellationToken.None);
            await profiles.ApplyAsync(Profiles.DrainFeed(), CancellationToken.None);
        }

        foreach (var e in await projector.ApplyAsync(Store.DrainFeed(), CancellationToken.None))
        {
            Events.Enqueue(e);
        }
    }

    /// <summary>
    /// When set, publishing a request's events throws after the handler's write succeeded, as a failing SignalR output
    /// binding does in the Functions host: the write stays, the client gets no answer it can use.
    /// </summary>
    public bool FailPublish { get; set; }
}
