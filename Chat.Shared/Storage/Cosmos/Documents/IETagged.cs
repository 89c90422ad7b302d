namespace Chat.Shared.Storage.Cosmos.Documents;

/// <summary>A document whose <c>_etag</c> the store copies into the domain record as the precondition for its next write.</summary>
public interface IETagged
{
    string? ETag { get; set; }
}
