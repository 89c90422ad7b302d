namespace Chat.Shared.Domain;

public enum ErasureStatus { Running, Completed }

/// <summary>
/// The phases of an erasure, in order. Round 1 erases; after <see cref="Settle"/> (the change-feed projections catch
/// up) round 2 runs <see cref="Conversations"/>, <see cref="Lists"/> and <see cref="Profile"/> again and removes
/// whatever a late projection or a last send wrote about the user meanwhile.
/// </summary>
public enum ErasurePhase { Conversations, Lists, Profile, Settle, Completed }

/// <summary>Where an erasure is inside one conversation: the user's messages first, then their membership.</summary>
public enum ErasureStage { Messages, Membership }

/// <summary>
/// A user's erasure (<c>DELETE /api/server/users/{userId}</c>): a document in the user's partition that says how far it
/// got. Every step does one bounded piece of work, then stores the new position under the document's ETag, so an
/// erasure interrupted anywhere (a restart, a failed step) resumes where it stopped, and every step is idempotent, so
/// repeating one changes nothing.
/// </summary>
public sealed record ErasureJob
{
    public required string UserId { get; init; }

    /// <summary>How many erasures of this user were started (a new one starts when the last one completed).</summary>
    public required int Pass { get; init; }

    public required ErasureStatus Status { get; init; }
    public required ErasurePhase Phase { get; init; }

    /// <summary>1, then 2 after <see cref="ErasurePhase.Settle"/>.</summary>
    public int Round { get; init; } = 1;

    /// <summary>The conversation being erased (conversations are taken in id order).</summary>
    public string? ConversationId { get; init; }

    public ErasureStage Stage { get; init; }

    /// <summary>The last message sequence erased in <see cref="ConversationId"/>.</summary>
    public long AfterSequence { get; init; }

    /// <summary>When round 2 may start.</summary>
    public DateTimeOffset? SettleUntil { get; init; }

    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }

    public long MessagesErased { get; init; }
    public long ConversationsLeft { get; init; }
    public long DocumentsDeleted { get; init; }

    public string? ETag { get; init; }

    public bool IsRunning => Status == ErasureStatus.Running;

    /// <summary>A new erasure: the first, or the next after one that completed (a running one is resumed, not restarted).</summary>
    public static ErasureJob Start(string userId, ErasureJob? previous, DateTimeOffset now) => new()
    {
        UserId = userId,
        Pass = (previous?.Pass ?? 0) + 1,
        Status = ErasureStatus.Running,
        Phase = ErasurePhase.Conversations,
        StartedAt = now,
        UpdatedAt = now,
        ETag = previous?.ETag,
    };

    /// <summary>The phase after <see cref="Phase"/>: round 1 ends in <see cref="ErasurePhase.Settle"/>, round 2 in completion.</summary>
    public ErasureJob NextPhase(DateTimeOffset now, TimeSpan settleDelay) => Phase switch
    {
        ErasurePhase.Conversations => Moved(ErasurePhase.Lists, now),
        ErasurePhase.Lists => Moved(ErasurePhase.Profile, now),
        ErasurePhase.Profile when Round == 1 => Moved(ErasurePhase.Settle, now) with { SettleUntil = now + settleDelay },
        ErasurePhase.Settle => Moved(ErasurePhase.Conversations, now) with { Round = 2, SettleUntil = null },
        _ => Moved(ErasurePhase.Completed, now) with { Status = ErasureStatus.Completed, CompletedAt = now },
    };

    private ErasureJob Moved(ErasurePhase phase, DateTimeOffset now) =>
        this with { Phase = phase, ConversationId = null, Stage = ErasureStage.Messages, AfterSequence = 0, UpdatedAt = now };
}
