using Chat.Shared.Domain;
using Chat.Shared.Storage.Cosmos.Documents;

namespace Chat.Shared.Storage.Cosmos;

/// <summary>Mapping of the <c>users</c> and <c>directory</c> documents to the domain records and back.</summary>
public static class CosmosUserDocuments
{
    public static UserProfile ToProfile(ProfileDocument d) => new()
    {
        UserId = d.UserId,
        DisplayName = d.DisplayName,
        AvatarUrl = d.AvatarUrl,
        Metadata = new Dictionary<string, string>(d.Metadata, StringComparer.Ordinal),
        InDirectory = d.InDirectory,
        Version = d.Version,
        CreatedAt = d.CreatedAt,
        UpdatedAt = d.UpdatedAt,
        DirectoryBuckets = d.DirectoryBuckets.ToList(),
        ProjectedVersion = d.ProjectedVersion,
        ETag = d.ETag,
    };

    public static ProfileDocument ToDocument(UserProfile p) => new()
    {
        UserId = p.UserId,
        DisplayName = p.DisplayName,
        AvatarUrl = p.AvatarUrl,
        Metadata = new Dictionary<string, string>(p.Metadata, StringComparer.Ordinal),
        InDirectory = p.InDirectory,
        Version = p.Version,
        CreatedAt = p.CreatedAt,
        UpdatedAt = p.UpdatedAt,
        DirectoryBuckets = p.DirectoryBuckets.ToList(),
        ProjectedVersion = p.ProjectedVersion,
    };

    public static ConversationRef ToReference(ConversationRefDocument d) => new(d.UserId, d.ConversationId, d.FirstSeenAt);

    public static ConversationRefDocument ToDocument(ConversationRef r) => new()
    {
        Id = DocumentTypes.ConversationRefId(r.ConversationId),
        UserId = r.UserId,
        ConversationId = r.ConversationId,
        FirstSeenAt = r.FirstSeenAt,
    };

    public static ErasureJob ToErasure(ErasureDocument d) => new()
    {
        UserId = d.UserId,
        Pass = d.Pass,
        Status = d.Status,
        Phase = d.Phase,
        Round = d.Round,
        ConversationId = d.ConversationId,
        Stage = d.Stage,
        AfterSequence = d.AfterSequence,
        SettleUntil = d.SettleUntil,
        StartedAt = d.StartedAt,
        UpdatedAt = d.UpdatedAt,
        CompletedAt = d.CompletedAt,
        MessagesErased = d.MessagesErased,
        ConversationsLeft = d.ConversationsLeft,
        DocumentsDeleted = d.DocumentsDeleted,
        ETag = d.ETag,
    };

    /// <summary>The erasure document; a completed one expires after <paramref name="completedRetention"/>.</summary>
    public static ErasureDocument ToDocument(ErasureJob j, TimeSpan completedRetention) => new()
    {
        UserId = j.UserId,
        Pass = j.Pass,
        Status = j.Status,
        Phase = j.Phase,
        Round = j.Round,
        ConversationId = j.ConversationId,
        Stage = j.Stage,
        AfterSequence = j.AfterSequence,
        SettleUntil = j.SettleUntil,
        StartedAt = j.StartedAt,
        UpdatedAt = j.UpdatedAt,
        CompletedAt = j.CompletedAt,
        MessagesErased = j.MessagesErased,
        ConversationsLeft = j.ConversationsLeft,
        DocumentsDeleted = j.DocumentsDeleted,
        Ttl = j.IsRunning ? null : (int)Math.Clamp(Math.Ceiling(completedRetention.TotalSeconds), 1, int.MaxValue),
    };

    public static DirectoryEntry ToEntry(DirectoryEntryDocument d) => new(d.Bucket, d.UserId, d.Name, d.DisplayName, d.AvatarUrl, d.Version);

    public static DirectoryEntryDocument ToDocument(DirectoryEntry e) => new()
    {
        Id = e.UserId,
        Bucket = e.Bucket,
        UserId = e.UserId,
        Name = e.Name,
        DisplayName = e.DisplayName,
        AvatarUrl = e.AvatarUrl,
        Version = e.Version,
    };
}
