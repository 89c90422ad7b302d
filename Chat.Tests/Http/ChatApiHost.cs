using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Chat.Shared.Auth;
using Chat.Shared.Domain;
using Chat.Shared.Http;
using Chat.Shared.Realtime;
using Chat.Shared.Storage;
using Chat.Tests.Doubles;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.Http;

/// <summary>
/// The API over real HTTP: a WebApplication on the test server that maps <c>/api/</c> + every
/// <see cref="ChatRoutes"/> template to the Chat.Shared handlers, authenticates with the same
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
        builder.Services.AddSingleton<IChatStore>(state.Store);
        builder.Services.AddSingleton<ITypingStore>(state.Typing);
        builder.Services.AddSingleton<IAttachmentStore>(state.Blobs);
        builder.Services.AddChatHttp();
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseChatAuthentication();
        MapApi(app, state);
        await app.StartAsync();
        return new ChatApiHost(app, state);
    }

    public static string TokenFor(ChatUser user, TimeSpan? lifetime = null) =>
        DevTokenIssuer.Issue(TokenSettings, user.Id, user.DisplayName, lifetime ?? TimeSpan.FromHours(1), DateTimeOffset.UtcNow);

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

    private static void MapApi(IEndpointRouteBuilder app, ChatApiHostState state)
    {
        var api = app.MapGroup("/" + ChatRoutes.Prefix);
        api.MapPost(ChatRoutes.Negotiate, (HttpRequest r, NegotiateApi h, CancellationToken ct) => h.NegotiateAsync(r, FakeNegotiateAsync, ct));
        api.MapGet(ChatRoutes.Unread, (HttpRequest r, ConversationsApi h, CancellationToken ct) => Record(h.GetUnreadAsync(r, ct)));
        api.MapPost(ChatRoutes.Conversations, (HttpRequest r, ConversationsApi h, CancellationToken ct) => Record(h.CreateAsync(r, ct)));
        api.MapGet(ChatRoutes.Conversations, (HttpRequest r, ConversationsApi h, CancellationToken ct) => Record(h.ListAsync(r, ct)));
        api.MapGet(ChatRoutes.Conversation, (HttpRequest r, string conversationId, ConversationsApi h, CancellationToken ct) =>
            Record(h.GetAsync(r, conversationId, ct)));
        api.MapPost(ChatRoutes.Messages, (HttpRequest r, string conversationId, MessagesApi h, CancellationToken ct) =>
            Record(h.SendAsync(r, conversationId, ct)));
        api.MapGet(ChatRoutes.Messages, (HttpRequest r, string conversationId, MessagesApi h, CancellationToken ct) =>
            Record(h.GetHistoryAsync(r, conversationId, ct)));
        api.MapPatch(ChatRoutes.Message, (HttpRequest r, string conversationId, string messageId, MessagesApi h, CancellationToken ct) =>
            Record(h.EditAsync(r, conversationId, messageId, ct)));
        api.MapDelete(ChatRoutes.Message, (HttpRequest r, string conversationId, string messageId, MessagesApi h, CancellationToken ct) =>
            Record(h.DeleteAsync(r, conversationId, messageId, ct)));
        api.MapPost(ChatRoutes.Read, (HttpRequest r, string conversationId, ReceiptsApi h, CancellationToken ct) =>
            Record(h.MarkReadAsync(r, conversationId, ct)));
        api.MapPost(ChatRoutes.Delivered, (HttpRequest r, string conversationId, ReceiptsApi h, CancellationToken ct) =>
            Record(h.MarkDeliveredAsync(r, conversationId, ct)));
        api.MapPost(ChatRoutes.Typing, (HttpRequest r, string conversationId, TypingApi h, CancellationToken ct) =>
            Record(h.SetAsync(r, conversationId, ct)));
        api.MapPost(ChatRoutes.Attachments, (HttpRequest r, string conversationId, AttachmentsApi h, CancellationToken ct) =>
            Record(h.ReserveAsync(r, conversationId, ct)));
        api.MapGet(ChatRoutes.Attachment, (HttpRequest r, string conversationId, string attachmentId, AttachmentsApi h, CancellationToken ct) =>
            Record(h.GetAsync(r, conversationId, attachmentId, ct)));
        api.MapFallback(ChatRoutes.Unmatched, (HttpRequest r, UnmatchedRouteApi h, CancellationToken ct) => Record(h.AnswerAsync(r, ct)));

        async Task<IResult> Record(Task<ChatHttpResult> pending)
        {
            var result = await pending;
            if (state.FailPublish && result.Events.Count > 0)
            {
                throw new InvalidOperationException("SignalR is unavailable.");
            }

            foreach (var e in result.Events)
            {
                state.Events.Enqueue(e);
            }

            return result.Result;
        }
    }

    /// <summary>Stands in for ServerlessHub.NegotiateAsync: connection info whose token names the user it was made for.</summary>
    private static Task<BinaryData> FakeNegotiateAsync(string userId, CancellationToken cancellationToken) =>
        Task.FromResult(BinaryData.FromObjectAsJson(new { url = "https://signalr.test/client/?hub=chat", accessToken = "signalr:" + userId }));
}

/// <summary>The doubles behind a <see cref="ChatApiHost"/>.</summary>
public sealed class ChatApiHostState
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    public InMemoryChatStore Store { get; } = new();
    public InMemoryTypingStore Typing { get; } = new();
    public InMemoryAttachmentStore Blobs { get; } = new();
    public ConcurrentQueue<RealtimeEvent> Events { get; } = new();

    /// <summary>
    /// When set, publishing a request's events throws after the handler's write succeeded, as a failing SignalR output
    /// binding does in the Functions host: the write stays, the client gets no answer it can use.
    /// </summary>
    public bool FailPublish { get; set; }
}
