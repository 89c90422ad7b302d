using Chat.Shared.Domain;

namespace Chat.Tests.Domain;

public class ChatOptionsValidatorTests
{
    [Fact]
    public void Validate_AcceptsTheDefaults()
    {
        var result = new ChatOptionsValidator().Validate(null, new ChatOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData(nameof(ChatOptions.MaxContentLength), 0)]
    [InlineData(nameof(ChatOptions.MaxParticipants), 1)]
    [InlineData(nameof(ChatOptions.MaxMetadataKeys), -1)]
    [InlineData(nameof(ChatOptions.MaxFileNameLength), 15)]
    [InlineData(nameof(ChatOptions.MaxClientMessageIdLength), 0)]
    [InlineData(nameof(ChatOptions.TypingSweepBatchSize), 0)]
    [InlineData(nameof(ChatOptions.MaxConcurrencyRetries), 0)]
    public void Validate_NamesTheOneSettingThatBreaksItsRule(string property, int value)
    {
        var options = new ChatOptions();
        typeof(ChatOptions).GetProperty(property)!.SetValue(options, value);

        var result = new ChatOptionsValidator().Validate(null, options);

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith($"Chat:{property} ", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ReportsEveryBrokenRule_EachWithItsOwnMessage()
    {
        var options = new ChatOptions
        {
            DefaultPageSize = 60,
            MaxPageSize = 50,
            TypingTimeout = TimeSpan.Zero,
            AbandonedUploadGrace = TimeSpan.FromDays(2),
            AllowedContentTypes = " ",
        };

        var result = new ChatOptionsValidator().Validate(null, options);

        Assert.Equal(
            [
                "Chat:MaxPageSize must be at least Chat:DefaultPageSize.",
                "Chat:TypingTimeout must be positive.",
                "Chat:PendingUploadLifetime must be longer than Chat:AbandonedUploadGrace.",
                "Chat:AllowedContentTypes must list at least one media type.",
            ],
            result.Failures);
    }
}
