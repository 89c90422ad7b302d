using Chat.Shared.Configuration;
using Chat.Shared.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Chat.Shared.Events;

/// <summary>
/// Events to the app's backend, section <c>Chat:Events</c>. The topic is the connection setting named
/// <see cref="ConnectionName"/>: <c>EventGrid__topicEndpointUri</c> (https) with the managed identity
/// (<c>EventGrid__clientId</c> for a user-assigned one). No keys: the identity holds the EventGrid Data Sender role.
/// </summary>
public sealed class ChatEventsOptions
{
    public const string SectionName = "Chat:Events";

    /// <summary>The identity-based connection setting key of the topic endpoint.</summary>
    public const string TopicEndpointKey = "topicEndpointUri";

    /// <summary>
    /// Publish domain events and <c>chat.notification.due</c>. Off where no topic exists (local development): the
    /// change feed is read and nothing is published or tracked, and the start-up log says so.
    /// </summary>
    public bool Enabled { get; set; } = true;

    public string ConnectionName { get; set; } = "EventGrid";

    /// <summary>The CloudEvents <c>source</c> of every event (a URI reference naming this deployment).</summary>
    public string Source { get; set; } = "/funcchat";
}

/// <summary>Read-aware notifications, section <c>Chat:Notifications</c> (the sweep's schedule is <c>Chat:Notifications:SweepSchedule</c>).</summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Chat:Notifications";

    /// <summary>Track unread messages and publish <c>chat.notification.due</c> (needs <see cref="ChatEventsOptions.Enabled"/>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a message stays unread before its recipient's notification is due.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a sweep holds a conversation's notifications; a sweep that failed lets another retry after it.</summary>
    public TimeSpan SweepClaim { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Conversations with due notifications one sweep handles at most.</summary>
    public int SweepBatchSize { get; set; } = 100;

    /// <summary>
    /// Messages a conversation's pending window keeps with their own send time; beyond it the newest entries stand for
    /// several messages (their due time is then that of the latest one: never early).
    /// </summary>
    public int WindowCapacity { get; set; } = 100;

    public NotificationOptionsValues ToValues() => new(Enabled, Delay, WindowCapacity);
}

/// <summary>Start-up checks of <see cref="ChatEventsOptions"/>, one message per rule.</summary>
public sealed class ChatEventsOptionsValidator(IConfiguration configuration) : IValidateOptions<ChatEventsOptions>
{
    public ValidateOptionsResult Validate(string? name, ChatEventsOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Source) || !Uri.TryCreate(options.Source, UriKind.RelativeOrAbsolute, out _))
        {
            failures.Add("Chat:Events:Source must be a URI reference (for example /funcchat or https://chat.contoso.com).");
        }

        if (options.Enabled)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionName))
            {
                failures.Add("Chat:Events:ConnectionName must name the Event Grid topic connection setting.");
            }
            else if (TopicOf(configuration, options) is null)
            {
                failures.Add(
                    $"Event Grid is not configured: set '{options.ConnectionName}__{ChatEventsOptions.TopicEndpointKey}' to the topic's https endpoint " +
                    "(used with the managed identity; no access keys), or set Chat:Events:Enabled to false where no topic exists.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The topic's identity-based connection, or null (a connection string is not accepted: it would hold a key).</summary>
    public static ServiceConnection? TopicOf(IConfiguration configuration, ChatEventsOptions options) =>
        ServiceConnection.TryFrom(configuration, options.ConnectionName, ChatEventsOptions.TopicEndpointKey) is { ServiceUri: not null } connection
            ? connection
            : null;
}

/// <summary>Start-up checks of <see cref="NotificationOptions"/>, one message per rule.</summary>
public sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        var failures = new List<string>();
        if (options.Delay < TimeSpan.Zero || options.Delay > TimeSpan.FromDays(1))
        {
            failures.Add("Chat:Notifications:Delay must be between 0 and 1 day.");
        }

        if (options.SweepClaim <= TimeSpan.Zero)
        {
            failures.Add("Chat:Notifications:SweepClaim must be positive.");
        }

        if (options.SweepBatchSize is < 1 or > 1000)
        {
            failures.Add("Chat:Notifications:SweepBatchSize must be between 1 and 1000.");
        }

        if (options.WindowCapacity is < 2 or > 1000)
        {
            failures.Add("Chat:Notifications:WindowCapacity must be between 2 and 1000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
