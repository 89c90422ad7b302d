using Chat.Shared.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace Chat.Tests.Storage.Blobs;

public class AttachmentStorageSettingsValidatorTests
{
    [Theory]
    [InlineData("Attachments", "UseDevelopmentStorage=true")]
    [InlineData("Attachments:blobServiceUri", "https://statt.blob.core.windows.net")]
    public void Validate_Succeeds_WithAConnectionStringOrAnIdentityEndpoint(string key, string value)
    {
        var result = Validator(new() { [key] = value }).Validate(null, new AttachmentStorageSettings());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_NamesTheMissingConnection()
    {
        var result = Validator(new() { ["Attachments:blobServiceUri"] = "http://not-https.example" }).Validate(null, new AttachmentStorageSettings());

        var failure = Assert.Single(result.Failures!);
        Assert.Contains("Attachments__blobServiceUri", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RequiresAConnectionName()
    {
        var result = Validator(new()).Validate(null, new AttachmentStorageSettings { ConnectionName = " " });

        Assert.Equal(["Chat:Attachments:ConnectionName must name the attachment storage connection setting."], result.Failures);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Attachments")]
    [InlineData("-attachments")]
    [InlineData("attachments-")]
    [InlineData("attach--ments")]
    [InlineData("attach_ments")]
    [InlineData("")]
    public void Validate_RefusesContainerNamesBlobStorageRejects(string containerName)
    {
        var result = Validator(new() { ["Attachments"] = "UseDevelopmentStorage=true" })
            .Validate(null, new AttachmentStorageSettings { ContainerName = containerName });

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("Chat:Attachments:ContainerName", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("attachments")]
    [InlineData("chat-attachments-2")]
    public void IsContainerName_AcceptsValidNames(string containerName) =>
        Assert.True(AttachmentStorageSettingsValidator.IsContainerName(containerName));

    [Fact]
    public void IsContainerName_AcceptsAtMost63Characters()
    {
        Assert.True(AttachmentStorageSettingsValidator.IsContainerName(new string('a', 63)));
        Assert.False(AttachmentStorageSettingsValidator.IsContainerName(new string('a', 64)));
    }

    private static AttachmentStorageSettingsValidator Validator(Dictionary<string, string?> settings) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
}
