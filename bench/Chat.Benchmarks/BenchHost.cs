using System.Net;
using System.Net.Http.Headers;
using Chat.Shared.Auth;
using Chat.Shared.Domain;
using Chat.Shared.Http;
using Chat.Shared.Realtime;
using Chat.Shared.Storage;
using Chat.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chat.Benchmarks;

/// <summary>How requests reach the app: real sockets on 127.0.0.1, or the in-process test server (no network at all).</summary>
public enum Transport { Loopback, TestServer }

/// <summary>
/// One app for the whole run: a bare JSON endpoint (<c>/baseline</c>, no authentication) next to the chat API, mapped
/// from the shared route table (<see cref="ChatApi.MapChatApi"/>) to the real Chat.Shared handlers with JWT
/// authentication, on the in-memory store doubles.
/// The realtime events the handlers return are counted and dropped (the Functions host would publish them).
/// </summary>
public sealed class BenchHost : IAsyncDisposable
{
    private static readonly string SigningKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)(i * 11)).ToArray());
    private static readonly DevTokenSettings Tokens = new(SigningKey, "https://bench.funcchat.test", "funcchat-bench");

    private readonly WebApplication _app;
    private readonly EventCounter _events;

    private BenchHost(WebApplication app, Transport transport, InMemoryChatStore store, EventCounter events)
    {
        _app = app;
        _events = events;
        Store = store;
        Transport = transport;
        if (transport == Transport.Loopback)
        {
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            BaseAddress = new Uri(address);
        }
        else
        {
            BaseAddress = new Uri("http://localhost");
        }
    }

    public InMemoryChatStore Store { get; }

    /// <summary>Runs the change-feed projection over everything written so far (what the Cosmos DB trigger does in Azure), so the list shows it.</summary>
    public Task ProjectAsync() =>
        _app.Services.GetRequiredService<Chat.Shared.Application.ConversationListProjector>().ApplyAsync(Store.DrainFeed(), CancellationToken.None);

    public Transport Transport { get; }

    public Uri BaseAddress { get; }

    public long EventsReturned => _events.Count;

    public static async Task<BenchHost> StartAsync(Transport transport)
    {
        // Development: the dev signing key (DevTokenIssuer) is refused in any other environment.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Logging.ClearProviders();
        if (transport == Transport.TestServer)
        {
            builder.WebHost.UseTestServer();
        }
        else
        {
            builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        }

        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Chat:Auth:DevSigningKey"] = SigningKey,
            ["Chat:Auth:Issuer"] = Tokens.Issuer,
            ["Chat:Auth:Audience"] = Tokens.Audience,
        });

        var events = new EventCounter();
        var store = new InMemoryChatStore();
        builder.Services.AddSingleton<IChatStore>(store);
        builder.Services.AddSingleton<ITypingStore>(new InMemoryTypingStore());
        builder.Services.AddSingleton<IPresenceStore>(new InMemoryPresenceStore());
        builder.Services.AddSingleton<IAttachmentStore>(new InMemoryAttachmentStore());
        builder.Services.AddChatHttp();

        var app = builder.Build();
        app.MapGet("/baseline", () => TypedResults.Ok(new BaselineDto("m_0193a5f0c1d27a6b8e3f4c5d6e7f8092", 42, "hello", DateTimeOffset.UnixEpoch)));
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/" + ChatRoutes.Prefix, StringComparison.Ordinal), api => api.UseChatAuthentication());
        app.MapChatApi(events, NoNegotiation);
        await app.StartAsync();
        return new BenchHost(app, transport, store, events);
    }

    /// <summary>A client that sends <paramref name="user"/>'s development token.</summary>
    public HttpClient ClientFor(ChatUser user, int connections)
    {
        var client = Transport == Transport.TestServer
            ? _app.GetTestClient()
            : new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, UseProxy = false }) { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(user));
        return client;
    }

    public static string TokenFor(ChatUser user) =>
        DevTokenIssuer.Issue(Tokens, user.Id, user.DisplayName, TimeSpan.FromHours(2), DateTimeOffset.UtcNow);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The benchmark measures no SignalR negotiation; a negotiate request fails loudly instead of faking one.</summary>
    private static Task<BinaryData> NoNegotiation(string userId, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The benchmark host does not negotiate SignalR connections.");
}

/// <summary>Realtime events the handlers returned (what the Functions host would publish): counted, then dropped.</summary>
internal sealed class EventCounter : IRealtimePublisher
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public Task PublishAsync(IReadOnlyList<RealtimeEvent> events, CancellationToken cancellationToken)
    {
        Interlocked.Add(ref _count, events.Count);
        return Task.CompletedTask;
    }

    public Task ApplyGroupChangesAsync(IReadOnlyList<GroupChange> changes, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The baseline's answer: a small JSON object shaped like a message preview.</summary>
public sealed record BaselineDto(string Id, long Sequence, string Text, DateTimeOffset CreatedAt);
