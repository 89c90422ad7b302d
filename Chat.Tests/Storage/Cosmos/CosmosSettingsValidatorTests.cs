using Chat.Shared.Storage.Cosmos;
using Microsoft.Extensions.Configuration;

namespace Chat.Tests.Storage.Cosmos;

public class CosmosSettingsValidatorTests
{
    [Theory]
    [InlineData("CosmosDb", "AccountEndpoint=https://localhost:8081/;AccountKey=a2V5")]
    [InlineData("CosmosDb:accountEndpoint", "https://chat.documents.azure.com:443/")]
    public void Validate_Succeeds_WithAConnectionStringOrAnAccountEndpoint(string key, string value)
    {
        var result = Validator(new() { [key] = value }).Validate(null, new CosmosSettings());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_NamesTheMissingConnection()
    {
        var result = Validator(new()).Validate(null, new CosmosSettings());

        var failure = Assert.Single(result.Failures!);
        Assert.Contains("CosmosDb__accountEndpoint", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ReportsEachBrokenRule_WithItsOwnMessage()
    {
        var settings = new CosmosSettings
        {
            DatabaseName = "",
            ApplicationName = " ",
            MaxRetryAttemptsOnRateLimitedRequests = -1,
            MaxRetryWaitTimeOnRateLimitedRequests = TimeSpan.FromSeconds(-1),
        };

        var result = Validator(new() { ["CosmosDb"] = "AccountEndpoint=https://localhost:8081/;AccountKey=a2V5" }).Validate(null, settings);

        Assert.Equal(
            [
                "Chat:Cosmos:DatabaseName must not be empty.",
                "Chat:Cosmos:ApplicationName must not be empty.",
                "Chat:Cosmos:MaxRetryAttemptsOnRateLimitedRequests must not be negative.",
                "Chat:Cosmos:MaxRetryWaitTimeOnRateLimitedRequests must not be negative.",
            ],
            result.Failures);
    }

    private static CosmosSettingsValidator Validator(Dictionary<string, string?> settings) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
}
