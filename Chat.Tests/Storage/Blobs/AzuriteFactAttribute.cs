using Azure.Storage.Blobs;

namespace Chat.Tests.Storage.Blobs;

/// <summary>
/// A fact that needs Blob Storage (Azurite): skipped, with the reason, unless <see cref="Variable"/> holds a
/// connection string. <c>scripts/with-azurite.sh</c> (and <c>.ci/run</c>, through it) starts Azurite and sets it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AzuriteFactAttribute : FactAttribute
{
    public const string Variable = "CHAT_TEST_BLOB_CONNECTION";
    public const string Reason = "run the tests through scripts/with-azurite.sh (it starts Azurite and sets it), or set it to a Blob Storage connection string, to run the Blob adapter tests.";

    public AzuriteFactAttribute()
    {
        if (ConnectionString is null)
        {
            Skip = $"{Variable} is not set: {Reason}";
        }
    }

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static BlobServiceClient Service() =>
        new(ConnectionString ?? throw new InvalidOperationException($"{Variable} is not set."));
}

/// <summary>A private container of its own per test class, deleted afterwards.</summary>
public sealed class AzuriteContainerFixture : IAsyncLifetime
{
    public string Name { get; } = "chat-test-" + Guid.NewGuid().ToString("N");

    public BlobContainerClient Container => AzuriteFactAttribute.Service().GetBlobContainerClient(Name);

    public async Task InitializeAsync()
    {
        if (AzuriteFactAttribute.ConnectionString is not null)
        {
            await Container.CreateIfNotExistsAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (AzuriteFactAttribute.ConnectionString is not null)
        {
            await Container.DeleteIfExistsAsync();
        }
    }
}
