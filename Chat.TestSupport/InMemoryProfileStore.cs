using System.Collections.Concurrent;
using System.Text.Json;
using Chat.Shared.Domain;
using Chat.Shared.Storage;

namespace Chat.TestSupport;

/// <summary>
/// Test double of the profile store with the Cosmos DB store's semantics: ETag-conditional profile and erasure writes,
/// version-conditional directory entries and projection marks, a change feed of changed profiles (latest version, like
/// the Cosmos change feed) that tests drain through the real projection, and request counting.
/// </summary>
public sealed class InMemoryProfileStore : IProfileStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, UserProfile> _profiles = new(StringComparer.Ordinal);
    private readonly Dictionary<(string User, string Conversation), ConversationRef> _references = [];
    private readonly Dictionary<string, ErasureJob> _erasures = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Bucket, string User), DirectoryEntry> _directory = [];
    private readonly List<string> _feed = [];
    private int _feedDrained;
    private long _etagCounter;

    /// <summary>Calls per port method.</summary>
    public ConcurrentDictionary<string, int> Calls { get; } = new();

    /// <summary>Requests the Cosmos DB store would have sent.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Runs before every call with the operation name; throw from it to inject a fault.</summary>
    public Action<string>? BeforeCall { get; set; }

    private long _requests;

    public Task<UserRecord> ReadUserAsync(string userId, CancellationToken cancellationToken) => Run(nameof(ReadUserAsync), () =>
        new UserRecord(_profiles.GetValueOrDefault(userId), _erasures.GetValueOrDefault(userId)));

    public Task<IReadOnlyList<UserProfile>> GetProfilesAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken) =>
        Run(nameof(GetProfilesAsync), () =>
        {
            Interlocked.Add(ref _requests, Math.Max(0, userIds.Distinct().Count() - 1));
            IReadOnlyList<UserProfile> found = userIds.Distinct(StringComparer.Ordinal).Select(_profiles.GetValueOrDefault).OfType<UserProfile>().ToList();
            return found;
        });

    public Task<bool> TryPutProfileAsync(UserProfile profile, CancellationToken cancellationToken) => Run(nameof(TryPutProfileAsync), () =>
    {
        if (_profiles.GetValueOrDefault(profile.UserId)?.ETag != profile.ETag)
        {
            return false;
        }

        _profiles[profile.UserId] = profile with { ETag = NextETag() };
        _feed.Add(profile.UserId);
        return true;
    });

    public Task<bool> TryMarkProjectedAsync(string userId, long version, IReadOnlyList<string> directoryBuckets, CancellationToken cancellationToken) =>
        Run(nameof(TryMarkProjectedAsync), () =>
        {
            if (_profiles.GetValueOrDefault(userId) is not { } profile || profile.Version != version)
            {
                return false;
            }

            _profiles[userId] = profile with { ProjectedVersion = version, DirectoryBuckets = directoryBuckets.ToList(), ETag = NextETag() };
            _feed.Add(userId);
            return true;
        });

    public Task<bool> DeleteProfileAsync(string userId, CancellationToken cancellationToken) =>
        Run(nameof(DeleteProfileAsync), () => _profiles.Remove(userId));

    public Task PutConversationRefAsync(ConversationRef reference, CancellationToken cancellationToken) => Run(nameof(PutConversationRefAsync), () =>
        _references.TryAdd((reference.UserId, reference.ConversationId), reference));

    public Task<IReadOnlyList<ConversationRef>> GetConversationRefsAsync(string userId, string? afterConversationId, int limit, CancellationToken cancellationToken) =>
        Run(nameof(GetConversationRefsAsync), () =>
        {
            IReadOnlyList<ConversationRef> found = _references.Values
                .Where(r => r.UserId == userId && string.CompareOrdinal(r.ConversationId, afterConversationId ?? string.Empty) > 0)
                .OrderBy(r => r.ConversationId, StringComparer.Ordinal)
                .Take(limit)
                .ToList();
            return found;
        });

    public Task<ConversationRef?> GetConversationRefAsync(string userId, string conversationId, CancellationToken cancellationToken) =>
        Run(nameof(GetConversationRefAsync), () => _references.GetValueOrDefault((userId, conversationId)));

    public Task<bool> DeleteConversationRefAsync(string userId, string conversationId, CancellationToken cancellationToken) =>
        Run(nameof(DeleteConversationRefAsync), () => _references.Remove((userId, conversationId)));

    public Task<ErasureJob?> TryPutErasureAsync(ErasureJob job, CancellationToken cancellationToken) => Run(nameof(TryPutErasureAsync), () =>
    {
        if (_erasures.GetValueOrDefault(job.UserId)?.ETag != job.ETag)
        {
            return null;
        }

        var stored = job with { ETag = NextETag() };
        _erasures[job.UserId] = stored;
        return stored;
    });

    public Task<IReadOnlyList<ErasureJob>> GetRunningErasuresAsync(int limit, CancellationToken cancellationToken) =>
        Run(nameof(GetRunningErasuresAsync), () =>
        {
            IReadOnlyList<ErasureJob> running = _erasures.Values.Where(j => j.IsRunning).OrderBy(j => j.UpdatedAt).Take(limit).ToList();
            return running;
        });

    public Task<bool> TryPutDirectoryEntryAsync(DirectoryEntry entry, CancellationToken cancellationToken) => Run(nameof(TryPutDirectoryEntryAsync), () =>
    {
        var key = (entry.Bucket, entry.UserId);
        if (_directory.TryGetValue(key, out var stored) && stored.Version >= entry.Version)
        {
            return false;
        }

        _directory[key] = entry;
        return true;
    });

    public Task<DirectoryEntry?> GetDirectoryEntryAsync(string bucket, string userId, CancellationToken cancellationToken) =>
        Run(nameof(GetDirectoryEntryAsync), () => _directory.GetValueOrDefault((bucket, userId)));

    public Task<bool> DeleteDirectoryEntryAsync(string bucket, string userId, CancellationToken cancellationToken) =>
        Run(nameof(DeleteDirectoryEntryAsync), () => _directory.Remove((bucket, userId)));

    public Task<IReadOnlyList<DirectoryEntry>> SearchDirectoryAsync(
        string bucket, string prefix, DirectoryPosition? after, int limit, CancellationToken cancellationToken) =>
        Run(nameof(SearchDirectoryAsync), () =>
        {
            IReadOnlyList<DirectoryEntry> found = _directory.Values
                .Where(e => e.Bucket == bucket && e.Name.StartsWith(prefix, StringComparison.Ordinal))
                .Where(e => after is null || string.CompareOrdinal(e.Name, after.Name) > 0
                    || (e.Name == after.Name && string.CompareOrdinal(e.UserId, after.UserId) > 0))
                .OrderBy(e => e.Name, StringComparer.Ordinal)
                .ThenBy(e => e.UserId, StringComparer.Ordinal)
                .Take(limit)
                .ToList();
            return found;
        });

    /// <summary>The users whose profile document changed since the last drain (latest version, in order of the latest change).</summary>
    public IReadOnlyList<string> DrainFeed()
    {
        lock (_gate)
        {
            var pending = _feed.Skip(_feedDrained).ToList();
            _feedDrained = _feed.Count;
            return pending.Select((id, index) => (id, index)).GroupBy(p => p.id).Select(g => g.Last()).OrderBy(p => p.index).Select(p => p.id).ToList();
        }
    }

    /// <summary>Every user whose profile ever changed (a replay of the whole feed).</summary>
    public IReadOnlyList<string> WholeFeed()
    {
        lock (_gate)
        {
            return _feed.Distinct(StringComparer.Ordinal).ToList();
        }
    }

    public DirectoryEntry? Entry(string bucket, string userId)
    {
        lock (_gate)
        {
            return _directory.GetValueOrDefault((bucket, userId));
        }
    }

    /// <summary>Every directory entry of a user, in any bucket.</summary>
    public IReadOnlyList<DirectoryEntry> EntriesOf(string userId)
    {
        lock (_gate)
        {
            return _directory.Values.Where(e => e.UserId == userId).ToList();
        }
    }

    public IReadOnlyList<ConversationRef> ReferencesOf(string userId)
    {
        lock (_gate)
        {
            return _references.Values.Where(r => r.UserId == userId).OrderBy(r => r.ConversationId, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>Everything stored, serialised in a stable order: equal snapshots mean nothing changed.</summary>
    public string Snapshot()
    {
        lock (_gate)
        {
            var parts = new List<string>();
            parts.AddRange(_profiles.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonSerializer.Serialize(p.Value)));
            parts.AddRange(_references.OrderBy(p => p.Key.User, StringComparer.Ordinal).ThenBy(p => p.Key.Conversation, StringComparer.Ordinal)
                .Select(p => JsonSerializer.Serialize(p.Value)));
            parts.AddRange(_erasures.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonSerializer.Serialize(p.Value)));
            parts.AddRange(_directory.OrderBy(p => p.Key.Bucket, StringComparer.Ordinal).ThenBy(p => p.Key.User, StringComparer.Ordinal)
                .Select(p => JsonSerializer.Serialize(p.Value)));
            return string.Join('\n', parts);
        }
    }

    private Task<T> Run<T>(string operation, Func<T> action)
    {
        Calls.AddOrUpdate(operation, 1, (_, n) => n + 1);
        BeforeCall?.Invoke(operation);
        Interlocked.Increment(ref _requests);
        lock (_gate)
        {
            return Task.FromResult(action());
        }
    }

    private string NextETag() => $"\"p{Interlocked.Increment(ref _etagCounter)}\"";
}
