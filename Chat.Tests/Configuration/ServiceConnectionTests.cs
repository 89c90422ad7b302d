using Chat.Shared.Configuration;
using Microsoft.Extensions.Configuration;

namespace Chat.Tests.Configuration;

public class ServiceConnectionTests
{
    [Fact]
    public void From_PrefersConnectionString_ForTheEmulator()
    {
        var connection = ServiceConnection.From(Config(new() { ["Attachments"] = "UseDevelopmentStorage=true" }), "Attachments", ServiceConnection.BlobServiceUri);

        Assert.Equal("UseDevelopmentStorage=true", connection.ConnectionString);
        Assert.Null(connection.ServiceUri);
    }

    [Fact]
    public void From_UsesIdentitySettings_InAzure()
    {
        var connection = ServiceConnection.From(Config(new()
        {
            ["Attachments:blobServiceUri"] = "https://statt.blob.core.windows.net",
            ["Attachments:clientId"] = "11111111-2222-3333-4444-555555555555",
        }), "Attachments", ServiceConnection.BlobServiceUri);

        Assert.Null(connection.ConnectionString);
        Assert.Equal(new Uri("https://statt.blob.core.windows.net"), connection.ServiceUri);
        Assert.Equal("11111111-2222-3333-4444-555555555555", connection.ClientId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("http://statt.blob.core.windows.net")]
    [InlineData("not a uri")]
    public void From_RefusesMissingOrPlainHttpEndpoints(string? uri)
    {
        var settings = new Dictionary<string, string?> { ["Attachments:blobServiceUri"] = uri };

        Assert.Throws<InvalidOperationException>(() => ServiceConnection.From(Config(settings), "Attachments", ServiceConnection.BlobServiceUri));
    }

    [Fact]
    public void From_ReadsTheSignalRServiceUri_UnderItsOwnKey()
    {
        var connection = ServiceConnection.From(Config(new()
        {
            ["AzureSignalRConnectionString:serviceUri"] = "https://sig.service.signalr.net",
        }), "AzureSignalRConnectionString", ServiceConnection.SignalRServiceUri);

        Assert.Equal(new Uri("https://sig.service.signalr.net"), connection.ServiceUri);
        Assert.Null(connection.ClientId);
    }

    private static IConfiguration Config(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
