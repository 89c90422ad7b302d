using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Chat.Shared.Auth;
using Chat.Shared.Realtime;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Tests.EndToEnd;

/// <summary>
/// One user of the running app, as a client app would be: HTTP calls with the user's bearer token, and a real SignalR
/// client pointed at the <c>/api</c> base URL (its negotiate call reaches <c>POST /api/negotiate</c>) that keeps every
/// event it receives.
/// </summary>
public sealed class EndToEndUser : IAsyncDisposable
{
    private static readonly string[] Targets = typeof(EventTargets).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    private readonly EndToEndSettings _settings;
    private readonly string _token;
    private readonly List<(string Target, JsonElement Payload)> _received = [];
    private readonly SemaphoreSlim _arrived = new(0);
    private HubConnection? _connection;

    public EndToEndUser(EndToEndSettings settings, string id, string displayName)
    {
        _settings = settings;
        Id = id;
        _token = DevTokenIssuer.Issue(settings.Tokens, id, displayName, TimeSpan.FromHours(1), DateTimeOffset.UtcNow);
        Http = new HttpClient { BaseAddress = settings.ApiBase, Timeout = TimeSpan.FromSeconds(60) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _token);
    }

    public string Id { get; }

    public HttpClient Http { get; }

    /// <summary>Opens a new SignalR connection (negotiated through the app) that records every event target of the API.</summary>
    public async Task ConnectAsync()
    {
        await DisconnectAsync();
        var connection = new HubConnectionBuilder()
            .WithUrl(_settings.ApiBase.AbsoluteUri.TrimEnd('/'), options => options.AccessTokenProvider = () => Task.FromResult<string?>(_token))
            .Build();
        foreach (var target in Targets)
        {
            connection.On<JsonElement>(target, payload => Record(target, payload));
        }

        using var timeout = new CancellationTokenSource(_settings.EventTimeout);
        await connection.StartAsync(timeout.Token);
        _connection = connection;
    }

    public async Task DisconnectAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.StopAsync();
            await connection.DisposeAsync();
        }
    }

    /// <summary>The first event of <paramref name="target"/> received so far or from now on that matches, within <paramref name="timeout"/>.</summary>
    public async Task<JsonElement> WaitForAsync(string target, Func<JsonElement, bool> match, TimeSpan? timeout = null)
    {
        var limit = timeout ?? _settings.EventTimeout;
        using var expiry = new CancellationTokenSource(limit);
        while (true)
        {
            lock (_received)
            {
                foreach (var (t, payload) in _received)
                {
                    if (t == target && match(payload))
                    {
                        return payload;
                    }
                }
            }

            try
            {
                await _arrived.WaitAsync(expiry.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{Id} received no matching '{target}' event within {limit.TotalSeconds:0} s.");
            }
        }
    }

    /// <summary>Sends JSON and returns the answer's JSON after checking its status.</summary>
    public async Task<JsonNode> SendAsync(HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path} as {Id}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public Task<JsonNode> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null, HttpStatusCode.OK);

    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync();
        Http.Dispose();
        _arrived.Dispose();
    }

    private void Record(string target, JsonElement payload)
    {
        lock (_received)
        {
            _received.Add((target, payload.Clone()));
        }

        _arrived.Release();
    }
}
