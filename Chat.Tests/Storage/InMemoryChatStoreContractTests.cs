using Chat.Shared.Storage;
using Chat.TestSupport;

namespace Chat.Tests.Storage;

/// <summary>The store contract against the in-memory doubles (always runs).</summary>
public sealed class InMemoryChatStoreContractTests : ChatStoreContractTests
{
    protected override (IChatStore Chat, ITypingStore Typing) CreateStores() =>
        (new InMemoryChatStore(), new InMemoryTypingStore());

    protected override (IUserDataStore Data, IProfileStore Profiles) CreateUserStores() => ((InMemoryChatStore)Store, new InMemoryProfileStore());
}
