using Microsoft.Extensions.Options;

namespace Chat.Shared.Domain;

/// <summary>Start-up checks of <see cref="ChatOptions"/> (section <c>Chat</c>), one message per rule.</summary>
public sealed class ChatOptionsValidator : IValidateOptions<ChatOptions>
{
    public ValidateOptionsResult Validate(string? name, ChatOptions options)
    {
        var failures = new List<string>();
        void Require(bool rule, string message)
        {
            if (!rule)
            {
                failures.Add(message);
            }
        }

        Require(options.MaxContentLength > 0, "Chat:MaxContentLength must be positive.");
        Require(options.MaxTitleLength > 0, "Chat:MaxTitleLength must be positive.");
        Require(options.MaxParticipants >= 2, "Chat:MaxParticipants must be at least 2.");
        Require(options.MaxMetadataKeys >= 0, "Chat:MaxMetadataKeys must not be negative.");
        Require(options.MaxMetadataKeyLength > 0, "Chat:MaxMetadataKeyLength must be positive.");
        Require(options.MaxMetadataValueLength > 0, "Chat:MaxMetadataValueLength must be positive.");
        Require(options.MaxAttachmentsPerMessage > 0, "Chat:MaxAttachmentsPerMessage must be positive.");
        Require(options.MaxClientMessageIdLength > 0, "Chat:MaxClientMessageIdLength must be positive.");
        Require(options.DefaultPageSize > 0, "Chat:DefaultPageSize must be positive.");
        Require(options.MaxPageSize >= options.DefaultPageSize, "Chat:MaxPageSize must be at least Chat:DefaultPageSize.");
        Require(options.MaxUploadBytes > 0, "Chat:MaxUploadBytes must be positive.");
        Require(options.MaxMultipartBytes > 0, "Chat:MaxMultipartBytes must be positive.");
        Require(options.MaxFileNameLength >= 16, "Chat:MaxFileNameLength must be at least 16.");
        Require(options.EditWindow >= TimeSpan.Zero, "Chat:EditWindow must not be negative.");
        Require(options.DeleteWindow >= TimeSpan.Zero, "Chat:DeleteWindow must not be negative.");
        Require(options.TypingTimeout > TimeSpan.Zero, "Chat:TypingTimeout must be positive.");
        Require(
            options.TypingEventInterval >= TimeSpan.Zero && (options.TypingTimeout <= TimeSpan.Zero || options.TypingEventInterval < options.TypingTimeout),
            "Chat:TypingEventInterval must be zero or more and shorter than Chat:TypingTimeout.");
        Require(options.TypingSweepClaim > TimeSpan.Zero, "Chat:TypingSweepClaim must be positive.");
        Require(options.TypingSweepBatchSize > 0, "Chat:TypingSweepBatchSize must be positive.");
        Require(options.UploadUrlLifetime > TimeSpan.Zero, "Chat:UploadUrlLifetime must be positive.");
        Require(options.ReadUrlLifetime > TimeSpan.Zero, "Chat:ReadUrlLifetime must be positive.");
        Require(options.AbandonedUploadGrace >= TimeSpan.Zero, "Chat:AbandonedUploadGrace must not be negative.");
        Require(options.PendingUploadLifetime > options.AbandonedUploadGrace, "Chat:PendingUploadLifetime must be longer than Chat:AbandonedUploadGrace.");
        Require(options.UploadSweepBatchSize > 0, "Chat:UploadSweepBatchSize must be positive.");
        Require(options.MaxConcurrencyRetries > 0, "Chat:MaxConcurrencyRetries must be positive.");
        Require(options.ConcurrencyBackoffBase > TimeSpan.Zero, "Chat:ConcurrencyBackoffBase must be positive.");
        Require(options.ConcurrencyBackoffMax >= options.ConcurrencyBackoffBase, "Chat:ConcurrencyBackoffMax must be at least Chat:ConcurrencyBackoffBase.");
        Require(options.MaxKeyLength > 0, "Chat:MaxKeyLength must be positive.");
        Require(options.MaxParticipantsPerAdd is > 0 and <= 97, "Chat:MaxParticipantsPerAdd must be between 1 and 97 (one transactional batch).");
        Require(options.MaxReactionsPerMessage > 0, "Chat:MaxReactionsPerMessage must be positive.");
        Require(options.Sync.Retention > TimeSpan.Zero, "Chat:Sync:Retention must be positive.");
        Require(options.Sync.ClockMargin >= TimeSpan.Zero, "Chat:Sync:ClockMargin must not be negative.");
        Require(options.Presence.ConnectionLease >= TimeSpan.FromMinutes(1), "Chat:Presence:ConnectionLease must be at least one minute.");
        Require(
            options.Presence.OfflineGrace >= TimeSpan.Zero && options.Presence.OfflineGrace < options.Presence.ConnectionLease,
            "Chat:Presence:OfflineGrace must be zero or more and shorter than Chat:Presence:ConnectionLease.");
        Require(options.Presence.SweepBatchSize > 0, "Chat:Presence:SweepBatchSize must be positive.");
        Require(options.Presence.MaxUserIds is > 0 and <= 1000, "Chat:Presence:MaxUserIds must be between 1 and 1000.");
        Require(!string.IsNullOrWhiteSpace(options.AllowedContentTypes), "Chat:AllowedContentTypes must list at least one media type.");
        Require(options.Users.MaxDisplayNameLength > 0, "Chat:Users:MaxDisplayNameLength must be positive.");
        Require(options.Users.MaxAvatarUrlLength is >= 16 and <= 1024, "Chat:Users:MaxAvatarUrlLength must be between 16 and 1024 (member documents carry it).");
        Require(options.Users.MaxLookupIds is > 0 and <= 100, "Chat:Users:MaxLookupIds must be between 1 and 100.");
        Require(options.Server.ErasureBatchSize is > 0 and <= 90, "Chat:Server:ErasureBatchSize must be between 1 and 90 (one transactional batch).");
        Require(options.Server.ErasureStepsPerRequest >= 0, "Chat:Server:ErasureStepsPerRequest must not be negative.");
        Require(options.Server.ErasureStepsPerRun > 0, "Chat:Server:ErasureStepsPerRun must be positive.");
        Require(options.Server.ErasureSweepBatchSize > 0, "Chat:Server:ErasureSweepBatchSize must be positive.");
        Require(options.Server.ErasureSettleDelay >= TimeSpan.Zero, "Chat:Server:ErasureSettleDelay must not be negative.");
        Require(options.Server.AvatarUrl.Length == 0 || Uri.TryCreate(options.Server.AvatarUrl, UriKind.Absolute, out _),
            "Chat:Server:AvatarUrl must be empty or an absolute URL.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
