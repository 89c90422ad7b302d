using System.Collections.Concurrent;
using Chat.Shared.Application;
using Chat.Shared.Events;

namespace Chat.TestSupport;

/// <summary>Collects the events to the app's backend in publish order; can be told to fail, as Event Grid can.</summary>
public sealed class RecordingChatEventPublisher : IChatEventPublisher
{
    private readonly ConcurrentQueue<ChatEvent> _published = new();

    /// <summary>Every event accepted, in order (an event published again appears again).</summary>
    public IReadOnlyList<ChatEvent> Published => [.. _published];

    /// <summary>Publish calls (requests), failed ones included.</summary>
    public int Calls => _calls;

    /// <summary>While true, every call throws and publishes nothing.</summary>
    public bool Fail { get; set; }

    /// <summary>Runs at the start of every call (for example to race another sweep).</summary>
    public Func<IReadOnlyList<ChatEvent>, Task>? BeforePublish { get; set; }

    private int _calls;

    public async Task PublishAsync(IReadOnlyList<ChatEvent> events, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (BeforePublish is { } before)
        {
            await before(events);
        }

        if (Fail)
        {
            throw new InvalidOperationException("Event Grid is unavailable.");
        }

        foreach (var e in events)
        {
            _published.Enqueue(e);
        }
    }

    public void Clear() => _published.Clear();
}

/// <summary>Who is online, as the test says.</summary>
public sealed class SettableOnlineStatus : IOnlineStatus
{
    public ConcurrentDictionary<string, bool> Online { get; } = new(StringComparer.Ordinal);

    public int Calls { get; private set; }

    public Task<IReadOnlySet<string>> GetOnlineAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        Calls++;
        IReadOnlySet<string> online = userIds.Where(id => Online.GetValueOrDefault(id)).ToHashSet(StringComparer.Ordinal);
        return Task.FromResult(online);
    }
}
