using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Chat.Tests.Http.ApiScenario;

namespace Chat.Tests.Http;

public sealed class RequestLoggingTests
{
    [Fact]
    public async Task Pipeline_LogsWithConversationAndUserScope_AndNeverContentOrToken()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await ChatApiHost.StartAsync(services: s => s.AddSingleton<ILoggerProvider>(logs));
        var id = await CreateDirectAsync(host, Alice, Bob);
        using var alice = host.ClientFor(Alice);

        await alice.PostAsync($"/api/conversations/{id}/messages", """{"content":"secret-content","type":"sticker"}""");

        var entry = Assert.Single(logs.Entries, e => e.Message.Contains("message.invalid_type", StringComparison.Ordinal));
        Assert.Equal(id, entry.Scope["ConversationId"]);
        Assert.Equal("alice", entry.Scope["UserId"]);
        var token = alice.DefaultRequestHeaders.Authorization!.Parameter!;
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("secret-content", StringComparison.Ordinal) || e.Message.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pipeline_LeavesConversationIdOutOfTheScope_WhenThePathIdEndsWithANewline()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await ChatApiHost.StartAsync(services: s => s.AddSingleton<ILoggerProvider>(logs));
        var id = await CreateDirectAsync(host, Alice, Bob);
        using var alice = host.ClientFor(Alice);

        var response = await alice.GetAsync(new Uri($"/api/conversations/{id}%0A/messages", UriKind.Relative));

        await ApiJson.ReadProblemAsync(response, System.Net.HttpStatusCode.BadRequest, "request.invalid_id");
        var entry = Assert.Single(logs.Entries, e => e.Message.Contains("request.invalid_id", StringComparison.Ordinal));
        Assert.True(entry.Scope.ContainsKey("ConversationId"));
        Assert.Null(entry.Scope["ConversationId"]);
        Assert.DoesNotContain(logs.Entries, e => e.Scope.Values.OfType<string>().Any(v => v.Contains('\n', StringComparison.Ordinal)));
    }

    private sealed record Entry(string Message, IReadOnlyDictionary<string, object?> Scope);

    private sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ConcurrentQueue<Entry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scope = new Dictionary<string, object?>();
                owner._scopes.ForEachScope((s, bag) =>
                {
                    if (s is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        foreach (var (key, value) in pairs)
                        {
                            bag[key] = value;
                        }
                    }
                }, scope);
                owner.Entries.Enqueue(new Entry(formatter(state, exception), scope));
            }
        }
    }
}
