using Chat.Shared.Domain;
using Chat.Shared.Storage;
using Microsoft.Extensions.Options;

namespace Chat.Shared.Application;

/// <summary>What every chat service needs from outside, in one parameter object.</summary>
public sealed class ChatDependencies(
    IChatStore store,
    ITypingStore typing,
    IPresenceStore presence,
    IAttachmentStore attachments,
    TimeProvider clock,
    IIdGenerator ids,
    IOptions<ChatOptions> options,
    ConcurrencyBackoff backoff)
{
    public IChatStore Store { get; } = store;
    public ITypingStore Typing { get; } = typing;
    public IPresenceStore Presence { get; } = presence;
    public IAttachmentStore Attachments { get; } = attachments;
    public TimeProvider Clock { get; } = clock;
    public IIdGenerator Ids { get; } = ids;
    public ChatOptions Options { get; } = options.Value;
    public ConcurrencyBackoff Backoff { get; } = backoff;

    /// <summary>
    /// The conversation and the caller's member document (plus <paramref name="extra"/> documents) in one read, if the
    /// caller is an active member; otherwise 404, exactly as if the conversation did not exist.
    /// </summary>
    public async Task<Membership> LoadAsMemberAsync(string? conversationId, string userId, ItemKeys? extra, CancellationToken cancellationToken)
    {
        var id = InputRules.ResourceId(conversationId, "conversationId");
        var keys = extra ?? new ItemKeys();
        var items = await Store.ReadItemsAsync(id, keys with { MemberIds = [userId, .. keys.MemberIds] }, cancellationToken);
        return items.Conversation is { } conversation && items.Members.TryGetValue(userId, out var member) && member.IsActive
            ? new Membership(items, conversation, member)
            : throw NotFound();
    }

    /// <summary>The conversation with all members and positions, if the caller is an active member; otherwise 404.</summary>
    public async Task<MemberSnapshot> LoadStateAsMemberAsync(string? conversationId, string userId, CancellationToken cancellationToken)
    {
        var id = InputRules.ResourceId(conversationId, "conversationId");
        var state = await Store.GetStateAsync(id, cancellationToken);
        return state?.FindMember(userId) is { IsActive: true } member ? new MemberSnapshot(state, member) : throw NotFound();
    }

    /// <summary>
    /// For the server principal (owner-equivalent, never a member): the conversation and the named documents in one
    /// read, with <see cref="ServerActor.AsOwner"/> as the acting member; 404 when the conversation does not exist.
    /// </summary>
    public async Task<Membership> LoadAsServerAsync(string? conversationId, ItemKeys? extra, CancellationToken cancellationToken)
    {
        var id = InputRules.ResourceId(conversationId, "conversationId");
        var items = await Store.ReadItemsAsync(id, extra ?? new ItemKeys(), cancellationToken);
        return items.Conversation is { } conversation
            ? new Membership(items, conversation, ServerActor.AsOwner(id, conversation.CreatedAt))
            : throw NotFound();
    }

    /// <summary>For the server principal: the whole conversation state with the server as the acting owner; 404 when it does not exist.</summary>
    public async Task<MemberSnapshot> LoadStateAsServerAsync(string? conversationId, CancellationToken cancellationToken)
    {
        var id = InputRules.ResourceId(conversationId, "conversationId");
        var state = await Store.GetStateAsync(id, cancellationToken);
        return state is null ? throw NotFound() : new MemberSnapshot(state, ServerActor.AsOwner(id, state.Conversation.CreatedAt));
    }

    /// <summary>
    /// Runs <paramref name="attempt"/> until it returns a result, waiting a jittered, growing delay after each attempt
    /// that lost a race (returned null); 503 <c>store.concurrency_exhausted</c> after <see cref="ChatOptions.MaxConcurrencyRetries"/>.
    /// </summary>
    public async Task<T> RetryOnContentionAsync<T>(Func<Task<T?>> attempt, CancellationToken cancellationToken)
        where T : class
    {
        for (var i = 0; i < Options.MaxConcurrencyRetries; i++)
        {
            if (await attempt() is { } result)
            {
                return result;
            }

            await Backoff.WaitAsync(i, cancellationToken);
        }

        throw ConcurrencyExhausted();
    }

    public static ChatException NotFound() => ChatException.NotFound(ErrorCodes.ConversationNotFound, "The conversation does not exist.");

    public static ChatException ConcurrencyExhausted() =>
        ChatException.Unavailable(ErrorCodes.ConcurrencyExhausted, "Too many concurrent changes to this conversation; retry shortly.");
}

/// <summary>An active member's view of a conversation, read in one round trip.</summary>
public sealed record Membership(ConversationItems Items, Conversation Conversation, Member Member);

/// <summary>An active member and the whole conversation state.</summary>
public sealed record MemberSnapshot(ConversationState State, Member Member)
{
    public Conversation Conversation => State.Conversation;
}

/// <summary>
/// The wait between attempts of a write that lost an optimistic-concurrency race: full jitter over an exponentially
/// growing window (<see cref="ChatOptions.ConcurrencyBackoffBase"/> × 2^attempt, capped at
/// <see cref="ChatOptions.ConcurrencyBackoffMax"/>), so racing writers spread out instead of colliding again.
/// </summary>
public sealed class ConcurrencyBackoff(TimeProvider clock, IOptions<ChatOptions> options)
{
    private readonly ChatOptions _options = options.Value;

    public TimeSpan DelayFor(int attempt, double random)
    {
        var window = _options.ConcurrencyBackoffBase.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 20));
        return TimeSpan.FromMilliseconds(random * Math.Min(window, _options.ConcurrencyBackoffMax.TotalMilliseconds));
    }

    public Task WaitAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(DelayFor(attempt, Random.Shared.NextDouble()), clock, cancellationToken);
}
