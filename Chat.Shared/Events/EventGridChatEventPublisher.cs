using System.Text.Json;
using Azure.Messaging;
using Azure.Messaging.EventGrid;
using Chat.Shared.Configuration;
using Chat.Shared.Contracts;
using Microsoft.Extensions.Configuration;

namespace Chat.Shared.Events;

/// <summary>
/// <see cref="IChatEventPublisher"/> on an Event Grid topic (input schema CloudEvents 1.0) with
/// <see cref="EventGridPublisherClient"/> and the managed identity. Events go out in order, in requests of at most
/// <see cref="MaxRequestBytes"/> (Event Grid takes at most 1 MB per request), one request after the other.
/// </summary>
public sealed class EventGridChatEventPublisher(EventGridPublisherClient client, string source) : IChatEventPublisher
{
    /// <summary>Serialized data per request, leaving room under Event Grid's 1 MB for the envelopes.</summary>
    public const int MaxRequestBytes = 768 * 1024;

    private const int EnvelopeBytes = 512;

    /// <summary>The publisher for the topic of <paramref name="options"/> (<c>EventGrid__topicEndpointUri</c>, optional <c>__clientId</c>).</summary>
    public static EventGridChatEventPublisher Create(IConfiguration configuration, ChatEventsOptions options)
    {
        var topic = ChatEventsOptionsValidator.TopicOf(configuration, options)
            ?? throw new InvalidOperationException(ServiceConnection.NotConfigured(options.ConnectionName, ChatEventsOptions.TopicEndpointKey));
        return new EventGridChatEventPublisher(new EventGridPublisherClient(topic.ServiceUri!, AzureCredentials.For(topic.ClientId)), options.Source);
    }

    public async Task PublishAsync(IReadOnlyList<ChatEvent> events, CancellationToken cancellationToken)
    {
        foreach (var request in Requests(events.Select(e => ToCloudEvent(e, source))))
        {
            await client.SendEventsAsync(request, cancellationToken);
        }
    }

    /// <summary>The CloudEvent of <paramref name="e"/>: its id, type, subject and time, the data as JSON (not base64).</summary>
    public static CloudEvent ToCloudEvent(ChatEvent e, string source) =>
        new(source, e.Type, new BinaryData(JsonSerializer.SerializeToUtf8Bytes(e.Data, e.Data.GetType(), ChatJson.Options)), "application/json", CloudEventDataFormat.Json)
        {
            Id = e.Id,
            Subject = e.Subject,
            Time = e.Time,
        };

    /// <summary>The events in order, cut into requests whose data stays under <see cref="MaxRequestBytes"/> (one event per request at least).</summary>
    public static IEnumerable<IReadOnlyList<CloudEvent>> Requests(IEnumerable<CloudEvent> events)
    {
        var request = new List<CloudEvent>();
        var bytes = 0;
        foreach (var e in events)
        {
            var size = (e.Data?.ToMemory().Length ?? 0) + EnvelopeBytes;
            if (request.Count > 0 && bytes + size > MaxRequestBytes)
            {
                yield return request;
                request = [];
                bytes = 0;
            }

            request.Add(e);
            bytes += size;
        }

        if (request.Count > 0)
        {
            yield return request;
        }
    }
}

/// <summary>
/// The publisher where <c>Chat:Events:Enabled</c> is false: the change feed and the sweep check the setting and never
/// call it, so a call is a wiring error.
/// </summary>
public sealed class DisabledChatEventPublisher : IChatEventPublisher
{
    public Task PublishAsync(IReadOnlyList<ChatEvent> events, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("Publishing to Event Grid is disabled (Chat:Events:Enabled is false).");
}
