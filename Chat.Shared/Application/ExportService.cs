using System.Text.Json;
using System.Text.Json.Nodes;
using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Storage;

namespace Chat.Shared.Application;

/// <summary>
/// A user's data (GDPR access, <c>GET /api/server/users/{userId}/export</c>): every stored document about the user, page
/// by page. First the user's own documents (profile, directory entry, erasure), then every conversation the user is or
/// was in (its shared properties, the user's reference, member, delivery and typing documents, uploads and notification
/// position, then the
/// user's messages page by page), then the user's list entries. Each page is one bounded piece; the cursor says where
/// the next one starts. Conversations are found as erasure finds them (<see cref="UserDataKinds"/>).
/// </summary>
public sealed class ExportService(ChatDependencies deps, IProfileStore profiles, IUserDataStore data, IEventStateStore notifications)
{
    private const string UserPhase = "user";
    private const string ConversationsPhase = "conversations";
    private const string ListsPhase = "lists";
    private const string StateStage = "state";
    private const string MessagesStage = "messages";
    private const int AttachmentPage = 100;

    private readonly ChatOptions _options = deps.Options;

    public async Task<ExportPageDto> GetPageAsync(string? userId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var id = InputRules.UserIdInPath(userId);
        var pageSize = InputRules.PageSize(limit, _options);
        var position = cursor is null ? new ExportPosition(id, UserPhase, null, string.Empty, 0) : Cursors.ParseExport(cursor, id, "cursor");
        var (items, next) = position.Phase switch
        {
            UserPhase => await UserAsync(id, cancellationToken),
            ConversationsPhase when position.ConversationId is { } conversationId && position.Stage == MessagesStage =>
                await MessagesAsync(id, conversationId, position.After, pageSize, cancellationToken),
            ConversationsPhase when position.ConversationId is { } conversationId => await ConversationAsync(id, conversationId, cancellationToken),
            ListsPhase => await ListsAsync(id, position, pageSize, cancellationToken),
            _ => throw ChatException.Validation(ErrorCodes.InvalidCursor, "cursor", "The cursor is not valid."),
        };
        return new ExportPageDto(id, items, next is null ? null : Cursors.ForExport(next), next is not null);
    }

    private async Task<Page> UserAsync(string userId, CancellationToken cancellationToken)
    {
        var items = new List<ExportItemDto>();
        var record = await profiles.ReadUserAsync(userId, cancellationToken);
        if (record.Profile is { } profile)
        {
            items.Add(Item(UserDataKinds.Profile, null, profile));
            foreach (var bucket in profile.DirectoryBuckets.Append(profile.DirectoryBucket).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                if (await profiles.GetDirectoryEntryAsync(bucket, userId, cancellationToken) is { } entry)
                {
                    items.Add(Item(UserDataKinds.DirectoryEntry, null, entry));
                }
            }
        }

        if (record.Erasure is { } erasure)
        {
            items.Add(Item(UserDataKinds.Erasure, null, erasure));
        }

        if (await deps.Presence.GetAsync(userId, cancellationToken) is { } presence)
        {
            items.Add(Item(UserDataKinds.Presence, null, presence));
        }

        return new Page(items, await AfterConversationAsync(userId, null, cancellationToken));
    }

    /// <summary>One conversation: its shared properties and every document of the user in it but the messages.</summary>
    private async Task<Page> ConversationAsync(string userId, string conversationId, CancellationToken cancellationToken)
    {
        var items = new List<ExportItemDto>();
        var read = await deps.Store.ReadItemsAsync(conversationId, new ItemKeys { MemberIds = [userId], DeliveryIds = [userId] }, cancellationToken);
        if (read.Conversation is { } conversation)
        {
            items.Add(Item(UserDataKinds.Conversation, conversationId, conversation));
        }

        if (await profiles.GetConversationRefAsync(userId, conversationId, cancellationToken) is { } reference)
        {
            items.Add(Item(UserDataKinds.ConversationRef, conversationId, reference));
        }

        items.AddRange(read.Members.Values.Select(m => Item(UserDataKinds.Member, conversationId, m)));
        items.AddRange(read.Deliveries.Values.Select(d => Item(UserDataKinds.Delivery, conversationId, d)));
        if (await deps.Typing.GetAsync(conversationId, userId, cancellationToken) is { } typing)
        {
            items.Add(Item(UserDataKinds.Typing, conversationId, typing));
        }

        var uploads = await data.GetAttachmentsByUploaderAsync(conversationId, userId, AttachmentPage, cancellationToken);
        items.AddRange(uploads.Select(a => Item(UserDataKinds.Attachment, conversationId, a)));
        var state = (await notifications.ReadAsync([conversationId], cancellationToken)).GetValueOrDefault(conversationId);
        if (state?.ProgressOf(userId) is { } progress)
        {
            items.Add(Item(UserDataKinds.EventState, conversationId, progress));
        }

        return new Page(items, new ExportPosition(userId, ConversationsPhase, conversationId, MessagesStage, 0));
    }

    /// <summary>A page of the user's messages in one conversation, oldest first; the last page moves to the next conversation.</summary>
    private async Task<Page> MessagesAsync(string userId, string conversationId, long after, int limit, CancellationToken cancellationToken)
    {
        var messages = await data.GetMessagesBySenderAsync(conversationId, userId, after, limit, cancellationToken);
        var items = messages.Select(m => Item(UserDataKinds.Message, conversationId, m)).ToList();
        var next = messages.Count == limit
            ? new ExportPosition(userId, ConversationsPhase, conversationId, MessagesStage, messages[^1].Sequence)
            : await AfterConversationAsync(userId, conversationId, cancellationToken);
        return new Page(items, next);
    }

    /// <summary>A page of the user's list entries (every folder), most recent first.</summary>
    private async Task<Page> ListsAsync(string userId, ExportPosition position, int limit, CancellationToken cancellationToken)
    {
        var after = position.ConversationId is { } last ? new ConversationListPosition(new DateTimeOffset(position.After, TimeSpan.Zero), last) : null;
        var entries = await data.GetAllListEntriesAsync(userId, after, limit, cancellationToken);
        var items = entries.Select(e => Item(UserDataKinds.UserConversation, e.ConversationId, e)).ToList();
        var next = entries.Count == limit
            ? new ExportPosition(userId, ListsPhase, entries[^1].ConversationId, string.Empty, entries[^1].LastActivityAt.UtcTicks)
            : null;
        return new Page(items, next);
    }

    /// <summary>The position of the next conversation after <paramref name="after"/>, or of the list entries when there is none.</summary>
    private async Task<ExportPosition> AfterConversationAsync(string userId, string? after, CancellationToken cancellationToken)
    {
        var references = await profiles.GetConversationRefsAsync(userId, after, 1, cancellationToken);
        var memberships = await data.GetMembershipsAsync(userId, after, 1, cancellationToken);
        var next = new[] { references.Count > 0 ? references[0].ConversationId : null, memberships.Count > 0 ? memberships[0] : null }
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
        return next is null
            ? new ExportPosition(userId, ListsPhase, null, string.Empty, 0)
            : new ExportPosition(userId, ConversationsPhase, next, StateStage, 0);
    }

    /// <summary>A document as exported: the stored record as JSON (camelCase), without the store's concurrency token.</summary>
    private static ExportItemDto Item(string kind, string? conversationId, object record)
    {
        var node = JsonSerializer.SerializeToNode(record, record.GetType(), ChatJson.Options)!.AsObject();
        node.Remove("eTag");
        return new ExportItemDto(kind, conversationId, JsonSerializer.SerializeToElement(node, ChatJson.Options));
    }

    private sealed record Page(IReadOnlyList<ExportItemDto> Items, ExportPosition? Next);
}
