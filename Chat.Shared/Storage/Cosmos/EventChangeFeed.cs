using System.Text.Json;
using Chat.Shared.Application;
using Chat.Shared.Events;
using Chat.Shared.Storage.Cosmos.Documents;

namespace Chat.Shared.Storage.Cosmos;

/// <summary>
/// What the second Cosmos DB trigger on the <c>chat</c> container hands over (raw documents of every type, each in its
/// latest version, in commit order per partition): the conversation, member and message documents become
/// <see cref="ChangedDocument"/>s for <see cref="ChatEventDispatcher"/>; deliveries and reservations are not events.
/// A failure propagates, and the trigger's function-level retry policy delivers the same batch again.
/// </summary>
public sealed class EventChangeFeed(ChatEventDispatcher dispatcher)
{
    public Task<int> HandleAsync(IReadOnlyList<JsonElement> documents, CancellationToken cancellationToken) =>
        dispatcher.Enabled ? dispatcher.PublishAsync(DocumentsOf(documents), cancellationToken) : Task.FromResult(0);

    public static IReadOnlyList<ChangedDocument> DocumentsOf(IReadOnlyList<JsonElement> documents) =>
        documents.Select(d => CosmosDocuments.TypeOf(d) switch
            {
                DocumentTypes.Conversation => new ChangedConversation(CosmosDocuments.ToConversation(CosmosDocuments.Read<ConversationDocument>(d)), WrittenAt(d)),
                DocumentTypes.Member => new ChangedMember(CosmosDocuments.ToMember(CosmosDocuments.Read<MemberDocument>(d))),
                DocumentTypes.Message => new ChangedMessage(CosmosDocuments.ToMessage(CosmosDocuments.Read<MessageDocument>(d)), WrittenAt(d)),
                _ => (ChangedDocument?)null,
            })
            .OfType<ChangedDocument>()
            .ToList();

    /// <summary>The document's <c>_ts</c> (seconds since the epoch of its last write), when present.</summary>
    private static DateTimeOffset? WrittenAt(JsonElement document) =>
        document.TryGetProperty("_ts", out var ts) && ts.ValueKind == JsonValueKind.Number && ts.TryGetInt64(out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
