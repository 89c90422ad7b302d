using Azure.Storage.Blobs;
using Chat.Shared.Storage;
using Chat.Shared.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Tests.Storage.Blobs;

public class BlobStorageServiceCollectionExtensionsTests
{
    [Fact]
    public void AddChatBlobStorage_MakesTheBlobAdapterTheAttachmentStore_WithTheBoundSettings()
    {
        using var provider = Services(new()
        {
            ["Attachments"] = "UseDevelopmentStorage=true",
            ["Chat:Attachments:ContainerName"] = "chat-files",
        }).BuildServiceProvider();

        var store = provider.GetRequiredService<IAttachmentStore>();

        Assert.Same(provider.GetRequiredService<BlobAttachmentStore>(), store);
        Assert.Equal("chat-files", provider.GetRequiredService<IOptions<AttachmentStorageSettings>>().Value.ContainerName);
    }

    [Fact]
    public async Task AddChatBlobStorage_RefusesToStart_WithoutABlobConnection()
    {
        using var host = Host(new() { ["Chat:Attachments:ContainerName"] = "attachments" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Connection 'Attachments' is not configured", error.Message, StringComparison.Ordinal);
    }

    [AzuriteFact]
    public async Task AddChatBlobStorage_CreatesThePrivateContainerAtStart_WhenProvisioningIsOn_OnAzurite()
    {
        var container = "chat-test-" + Guid.NewGuid().ToString("N");
        var settings = new Dictionary<string, string?>
        {
            ["Attachments"] = AzuriteFactAttribute.ConnectionString,
            ["Chat:Attachments:ContainerName"] = container,
        };
        var client = new BlobServiceClient(AzuriteFactAttribute.ConnectionString).GetBlobContainerClient(container);
        try
        {
            using (var off = Host(settings))
            {
                await off.StartAsync();
                Assert.False((await client.ExistsAsync()).Value);
                await off.StopAsync();
            }

            settings["Chat:Attachments:ProvisionOnStartup"] = "true";
            using var on = Host(settings);
            await on.StartAsync();

            Assert.True((await client.ExistsAsync()).Value);
            await on.StopAsync();
        }
        finally
        {
            await client.DeleteIfExistsAsync();
        }
    }

    private static ServiceCollection Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddChatBlobStorage();
        return services;
    }

    private static IHost Host(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddChatBlobStorage();
        return builder.Build();
    }
}
