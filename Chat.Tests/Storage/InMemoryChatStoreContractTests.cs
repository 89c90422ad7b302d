using Chat.Shared.Storage;
using Chat.Tests.Doubles;

namespace Chat.Tests.Storage;

/// <summary>The store contract against the in-memory doubles (always runs). Lists only change through upserts, as with the change feed.</summary>
public sealed class InMemoryChatStoreContractTests : ChatStoreContractTests
{
    protected override (IChatStore Chat, ITypingStore Typing) CreateStores() =>
        (new InMemoryChatStore { ProjectOnWrite = false }, new InMemoryTypingStore());
}
