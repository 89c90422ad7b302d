using Chat.Shared.Contracts;
using Chat.Shared.Domain;

namespace Chat.Shared.Application;

/// <summary>Create, list and read conversations; unread badges.</summary>
public sealed class ConversationService(ChatDependencies deps)
{
    private readonly ChatOptions _options = deps.Options;

    /// <summary>
    /// Exactly one other participant: the direct conversation of the pair (get-or-create, Created=false when it
    /// existed). More: a new group. The caller is always a participant.
    /// </summary>
    public async Task<ChatResult<ConversationDto>> CreateAsync(ChatUser user, CreateConversationRequest request, CancellationToken cancellationToken)
    {
        var others = OtherParticipants(user, request.ParticipantIds);
        var title = Title(request.Title);
        var metadata = InputRules.Metadata(request.Metadata, _options);
        var now = deps.Clock.GetUtcNow();
        var kind = others.Count == 1 ? ConversationKind.Direct : ConversationKind.Group;
        var conversation = new Conversation
        {
            Id = kind == ConversationKind.Direct ? ChatIds.DirectConversationId(user.Id, others[0]) : deps.Ids.NewId("g_"),
            Kind = kind,
            Title = title,
            Metadata = metadata,
            CreatedBy = user.Id,
            CreatedAt = now,
            Participants = others.Prepend(user.Id)
                .Select(id => new Participant(id, id == user.Id ? user.DisplayName : null, now))
                .ToList(),
            LastActivityAt = now,
            Version = 1,
        };

        if (await deps.Store.TryCreateConversationAsync(conversation, cancellationToken))
        {
            return new ChatResult<ConversationDto>(Views.Conversation(conversation, user.Id), [], Created: true);
        }

        var existing = await deps.Store.GetConversationAsync(conversation.Id, cancellationToken)
            ?? throw ChatDependencies.ConcurrencyExhausted();
        return ChatResult.Quiet(Views.Conversation(existing, user.Id));
    }

    public async Task<ConversationDto> GetAsync(ChatUser user, string? conversationId, CancellationToken cancellationToken) =>
        Views.Conversation(await deps.LoadConversationAsync(conversationId, user.Id, cancellationToken), user.Id);

    /// <summary>The caller's conversations, most recent activity first, from the caller's own partition.</summary>
    public async Task<PageDto<ConversationSummaryDto>> ListAsync(ChatUser user, ConversationListRequest request, CancellationToken cancellationToken)
    {
        var limit = InputRules.PageSize(request.Limit, _options);
        var after = request.Cursor is null ? null : Cursors.ParseConversation(request.Cursor, "cursor");
        var entries = await deps.Store.GetUserConversationsAsync(user.Id, after, limit + 1, cancellationToken);
        var items = entries.Take(limit).ToList();
        var hasMore = entries.Count > limit;
        var next = hasMore ? Cursors.ForConversation(new ConversationListPosition(items[^1].LastActivityAt, items[^1].ConversationId)) : null;
        return new PageDto<ConversationSummaryDto>(items.Select(Views.Summary).ToList(), next, hasMore);
    }

    public async Task<UnreadDto> GetUnreadAsync(ChatUser user, CancellationToken cancellationToken)
    {
        var entries = await deps.Store.GetUnreadConversationsAsync(user.Id, cancellationToken);
        var counts = entries.Where(e => e.UnreadCount > 0)
            .Select(e => new UnreadEntryDto(e.ConversationId, e.UnreadCount))
            .ToList();
        return new UnreadDto(counts.Sum(c => c.UnreadCount), counts);
    }

    private List<string> OtherParticipants(ChatUser user, IReadOnlyList<string>? participantIds)
    {
        if (participantIds is null || participantIds.Count == 0)
        {
            throw ChatException.Validation(ErrorCodes.ParticipantsRequired, "participantIds", "Name at least one other participant.");
        }

        if (participantIds.Count > _options.MaxParticipants)
        {
            throw TooMany();
        }

        foreach (var id in participantIds)
        {
            if (!ChatIds.IsValidUserId(id))
            {
                throw ChatException.Validation(ErrorCodes.InvalidParticipantId, "participantIds", "A participant id is empty, too long or has characters that are not allowed.");
            }
        }

        var others = participantIds.Where(id => id != user.Id).Distinct(StringComparer.Ordinal).ToList();
        if (others.Count == 0)
        {
            throw ChatException.Validation(ErrorCodes.ParticipantsRequired, "participantIds", "Name at least one participant other than yourself.");
        }

        return others.Count + 1 > _options.MaxParticipants ? throw TooMany() : others;
    }

    private ChatException TooMany() =>
        ChatException.Validation(ErrorCodes.TooManyParticipants, "participantIds", $"A conversation has at most {_options.MaxParticipants} participants.");

    private string? Title(string? title)
    {
        if (title is null)
        {
            return null;
        }

        var trimmed = title.Trim();
        if (trimmed.Length > _options.MaxTitleLength)
        {
            throw ChatException.Validation(ErrorCodes.TitleTooLong, "title", $"The title is limited to {_options.MaxTitleLength} characters.");
        }

        if (InputRules.HasControlCharacters(trimmed))
        {
            throw ChatException.Validation(ErrorCodes.InvalidTitle, "title", "The title must not contain control characters.");
        }

        return trimmed.Length == 0 ? null : trimmed;
    }
}
