namespace Chat.Shared.Domain;

/// <summary>Limits, windows and timeouts, bound from the <c>Chat</c> configuration section.</summary>
public sealed class ChatOptions
{
    public const string SectionName = "Chat";

    public int MaxContentLength { get; set; } = 4000;
    public int MaxTitleLength { get; set; } = 200;
    public int MaxParticipants { get; set; } = 100;
    public int MaxMetadataKeys { get; set; } = 16;
    public int MaxMetadataKeyLength { get; set; } = 64;
    public int MaxMetadataValueLength { get; set; } = 256;
    public int MaxAttachmentsPerMessage { get; set; } = 10;
    public int MaxClientMessageIdLength { get; set; } = 100;
    public int MaxKeyLength { get; set; } = 128;

    /// <summary>Users one participant-add call may add (each is a document of the call's one transactional batch).</summary>
    public int MaxParticipantsPerAdd { get; set; } = 50;

    /// <summary>Distinct reactions a message may carry.</summary>
    public int MaxReactionsPerMessage { get; set; } = 20;

    /// <summary>
    /// Comma-separated reactions users may add (emoji or short names). Empty: any reaction of at most 32 characters
    /// without spaces or control characters.
    /// </summary>
    public string AllowedReactions { get; set; } = "👍,👎,❤️,😂,😮,😢,🙏,🎉,🔥,👀,✅";

    public bool IsAllowedReaction(string reaction)
    {
        var allowed = AllowedReactions.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return allowed.Length == 0 || allowed.Contains(reaction, StringComparer.Ordinal);
    }
    public int DefaultPageSize { get; set; } = 50;
    public int MaxPageSize { get; set; } = 100;

    public long MaxUploadBytes { get; set; } = 25L * 1024 * 1024;
    public long MaxMultipartBytes { get; set; } = 10L * 1024 * 1024;
    public int MaxFileNameLength { get; set; } = 128;

    public TimeSpan EditWindow { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan DeleteWindow { get; set; } = TimeSpan.FromMinutes(30);
    public TimeSpan TypingTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The least time between two <c>typing</c> events a user's own calls cause in one conversation (zero: no
    /// coalescing). Shorter than <see cref="TypingTimeout"/>. See <see cref="TypingRules"/>.
    /// </summary>
    public TimeSpan TypingEventInterval { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan TypingSweepClaim { get; set; } = TimeSpan.FromSeconds(30);
    public int TypingSweepBatchSize { get; set; } = 200;
    public TimeSpan UploadUrlLifetime { get; set; } = TimeSpan.FromMinutes(10);
    public TimeSpan ReadUrlLifetime { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan PendingUploadLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long after its upload URL expired a reservation no message used counts as abandoned (upload sweep).</summary>
    public TimeSpan AbandonedUploadGrace { get; set; } = TimeSpan.FromHours(1);

    public int UploadSweepBatchSize { get; set; } = 200;

    /// <summary>
    /// Attempts of a write that keeps losing optimistic-concurrency races before 503 <c>store.concurrency_exhausted</c>.
    /// Each retry waits a random time up to <see cref="ConcurrencyBackoffBase"/> × 2^attempt (at most
    /// <see cref="ConcurrencyBackoffMax"/>), so racing writers spread out instead of colliding again.
    /// </summary>
    public int MaxConcurrencyRetries { get; set; } = 30;

    public TimeSpan ConcurrencyBackoffBase { get; set; } = TimeSpan.FromMilliseconds(4);

    public TimeSpan ConcurrencyBackoffMax { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Catch-up: <c>changes</c> and <c>sync</c> (section <c>Chat:Sync</c>).</summary>
    public SyncOptions Sync { get; set; } = new();

    /// <summary>Presence from SignalR connection events (section <c>Chat:Presence</c>).</summary>
    public PresenceOptions Presence { get; set; } = new();

    /// <summary>Profiles, user look-ups and the directory (section <c>Chat:Users</c>).</summary>
    public UsersOptions Users { get; set; } = new();

    /// <summary>The app's backend on the server routes: its sender identity, erasure (section <c>Chat:Server</c>).</summary>
    public ServerOptions Server { get; set; } = new();

    /// <summary>
    /// Comma-separated media types accepted for attachments: common image, video, audio, document (pdf, office,
    /// text) and archive types. One setting, so configuration replaces the list instead of appending to it.
    /// </summary>
    public string AllowedContentTypes { get; set; } = string.Join(',',
        "image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "image/heif",
        "video/mp4", "video/quicktime", "video/webm", "video/3gpp",
        "audio/mpeg", "audio/mp4", "audio/aac", "audio/ogg", "audio/wav", "audio/webm", "audio/x-m4a",
        "application/pdf", "text/plain", "text/csv", "application/rtf",
        "application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.ms-excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.ms-powerpoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
        "application/zip", "application/x-7z-compressed", "application/gzip", "application/x-tar", "application/vnd.rar");

    public bool IsAllowedContentType(string mediaType) =>
        AllowedContentTypes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Contains(mediaType, StringComparer.OrdinalIgnoreCase);
}

/// <summary>Settings of <c>changes</c> and <c>sync</c> (section <c>Chat:Sync</c>).</summary>
public sealed class SyncOptions
{
    /// <summary>
    /// How long change history is kept: members who left are removed after it, and older tokens answer 410
    /// <c>sync.token_expired</c>.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How far back the last <c>sync</c> page's token starts from the time of the call, to cover projector clocks that
    /// are behind and writes in flight (entries may come twice; clients apply them by version).
    /// </summary>
    public TimeSpan ClockMargin { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Settings of presence (section <c>Chat:Presence</c>); see <see cref="PresenceRules"/> and docs/api.md.</summary>
public sealed class PresenceOptions
{
    /// <summary>
    /// How long a connection counts as open without news of it. When it runs out the presence sweep asks SignalR Service
    /// whether the connection still exists: yes renews it (no client call needed), no closes it. So a lost
    /// <c>disconnected</c> event keeps a user online for at most this long plus the sweep period.
    /// </summary>
    public TimeSpan ConnectionLease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long after the last connection closed the user still counts as online, so a reconnect (a new connection after a
    /// network change or an automatic client reconnect) announces nothing. Zero: offline at once.
    /// </summary>
    public TimeSpan OfflineGrace { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Presence states one run of the presence sweep looks at, at most.</summary>
    public int SweepBatchSize { get; set; } = 200;

    /// <summary>User ids one <c>GET /api/presence</c> call may ask about.</summary>
    public int MaxUserIds { get; set; } = 100;
}

/// <summary>Profiles, user look-ups and the directory (section <c>Chat:Users</c>).</summary>
public sealed class UsersOptions
{
    /// <summary>Longest profile display name (the token's name is held to the same length).</summary>
    public int MaxDisplayNameLength { get; set; } = 100;

    /// <summary>
    /// Longest avatar URL. Member documents carry a copy of it, and a read receipt rewrites the member document, so it is
    /// kept well below the 2 KB a receipt may write.
    /// </summary>
    public int MaxAvatarUrlLength { get; set; } = 512;

    /// <summary>Most user ids one <c>GET /api/users?ids=</c> takes.</summary>
    public int MaxLookupIds { get; set; } = 50;
}

/// <summary>The app's backend on the server routes (section <c>Chat:Server</c>).</summary>
public sealed class ServerOptions
{
    /// <summary>The sender name of the messages the server posts (its id is always <c>#server</c>).</summary>
    public string DisplayName { get; set; } = "System";

    /// <summary>The sender avatar of the messages the server posts; empty: none.</summary>
    public string AvatarUrl { get; set; } = string.Empty;

    /// <summary>Messages one erasure step tombstones in one conversation write.</summary>
    public int ErasureBatchSize { get; set; } = 50;

    /// <summary>Erasure steps <c>DELETE /api/server/users/{userId}</c> runs before it answers (the timer does the rest).</summary>
    public int ErasureStepsPerRequest { get; set; } = 20;

    /// <summary>Erasure steps one timer run gives each running erasure.</summary>
    public int ErasureStepsPerRun { get; set; } = 200;

    /// <summary>Running erasures one timer run picks up.</summary>
    public int ErasureSweepBatchSize { get; set; } = 20;

    /// <summary>
    /// How long an erasure waits after its first round before a second, verifying round: the change-feed projections
    /// have caught up by then, so nothing they wrote late about the user survives.
    /// </summary>
    public TimeSpan ErasureSettleDelay { get; set; } = TimeSpan.FromMinutes(5);
}
