using Microsoft.Azure.Cosmos;

namespace Chat.Shared.Storage.Cosmos;

/// <summary>The containers the stores use, from the one process-wide <see cref="CosmosClient"/>.</summary>
public sealed class CosmosContainers(Container chat, Container userConversations, Container typing, Container presence, Container users, Container directory, Container events)
{
    public Container Chat { get; } = chat;
    public Container UserConversations { get; } = userConversations;
    public Container Typing { get; } = typing;
    public Container Presence { get; } = presence;

    /// <summary>Profiles, conversation references and erasures, partitioned by user id.</summary>
    public Container Users { get; } = users;

    /// <summary>The user directory, partitioned by name bucket.</summary>
    public Container Directory { get; } = directory;

    /// <summary>The event publisher's per-conversation state, partitioned by conversation id.</summary>
    public Container Events { get; } = events;

    public static CosmosContainers For(CosmosClient client, string databaseName) => new(
        client.GetContainer(databaseName, CosmosContainerDefinitions.Get(CosmosContainerDefinitions.ChatContainer).Name),
        client.GetContainer(databaseName, CosmosContainerDefinitions.Get(CosmosContainerDefinitions.UserConversationsContainer).Name),
        client.GetContainer(databaseName, CosmosContainerDefinitions.Get(CosmosContainerDefinitions.TypingContainer).Name),
        client.GetContainer(databaseName, CosmosContainerDefinitions.Get(CosmosContainerDefinitions.PresenceContainer).Name),
        client.GetContainer(databaseName, CosmosContainerDefinitions.Get(CosmosContainerDefinitions.UsersContainer).Name),
        client.GetContainer(databaseName, CosmosContainerDefinitions.Get(CosmosContainerDefinitions.DirectoryContainer).Name),
        client.GetContainer(databaseName, CosmosContainerDefinitions.Get(CosmosContainerDefinitions.EventsContainer).Name));
}
