using Microsoft.Azure.Cosmos;

namespace Chat.Shared.Storage.Cosmos;

/// <summary>The containers the stores use, from the one process-wide <see cref="CosmosClient"/>.</summary>
public sealed class CosmosContainers(Container chat, Container userConversations, Container typing, Container presence)
{
    public Container Chat { get; } = chat;
    public Container UserConversations { get; } = userConversations;
    public Container Typing { get; } = typing;
    public Container Presence { get; } = presence;

    public static CosmosContainers For(CosmosClient client, string databaseName) => new(
        client.GetContainer(databaseName, CosmosContainerDefinitions.Get(CosmosContainerDefinitions.ChatContainer).Name),
        client.GetContainer(databaseName, CosmosContainerDefinitions.Get(CosmosContainerDefinitions.UserConversationsContainer).Name),
        client.GetContainer(databaseName, CosmosContainerDefinitions.Get(CosmosContainerDefinitions.TypingContainer).Name),
        client.GetContainer(databaseName, CosmosContainerDefinitions.Get(CosmosContainerDefinitions.PresenceContainer).Name));
}
