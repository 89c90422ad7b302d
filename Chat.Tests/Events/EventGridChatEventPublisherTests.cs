using System.Net;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Messaging.EventGrid;
using Chat.Shared.Domain;
using Chat.Shared.Events;
using Microsoft.Extensions.Configuration;

namespace Chat.Tests.Events;

/// <summary>
/// The Event Grid adapter with the real <see cref="EventGridPublisherClient"/>, its HTTP transport replaced by a
/// recorder: what goes over the wire to the topic.
/// </summary>
public class EventGridChatEventPublisherTests
{
    private static readonly Uri Topic = new("https://evgt-test.westeurope-1.eventgrid.azure.net/api/events");
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EventGrid_Publisher_SendsCloudEvents_WithTheStableIdTypeSourceSubjectAndJsonData()
    {
        var (publisher, requests) = Publisher();
        var message = new ChatEvent("g_1/m_1/created", ChatEventTypes.MessageCreated, "conversations/g_1/messages/m_1", T0,
            new MessagesReadData("g_1", "bob", 3, T0));

        await publisher.PublishAsync([message, message with { Id = "g_1/read/bob/3", Type = ChatEventTypes.MessagesRead }], CancellationToken.None);

        var request = Assert.Single(requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(Topic.GetLeftPart(UriPartial.Path), request.Uri.GetLeftPart(UriPartial.Path));
        Assert.StartsWith("application/cloudevents-batch+json", request.ContentType, StringComparison.Ordinal);
        Assert.Equal("Bearer test-token", request.Authorization);
        Assert.Equal(["https://eventgrid.azure.net/.default"], Credential.Scopes);
        using var body = JsonDocument.Parse(request.Body);
        var first = body.RootElement[0];
        Assert.Equal(("1.0", "g_1/m_1/created", ChatEventTypes.MessageCreated, "/funcchat-test", "conversations/g_1/messages/m_1", "application/json"),
            (first.GetProperty("specversion").GetString(), first.GetProperty("id").GetString(), first.GetProperty("type").GetString(),
             first.GetProperty("source").GetString(), first.GetProperty("subject").GetString(), first.GetProperty("datacontenttype").GetString()));
        Assert.Equal(T0, first.GetProperty("time").GetDateTimeOffset());
        Assert.False(first.TryGetProperty("data_base64", out _));
        Assert.Equal(("bob", 3), (first.GetProperty("data").GetProperty("userId").GetString(), first.GetProperty("data").GetProperty("readSequence").GetInt32()));
        Assert.Equal("g_1/read/bob/3", body.RootElement[1].GetProperty("id").GetString());
    }

    [Fact]
    public async Task EventGrid_Publisher_CutsLargeBatchesIntoRequestsUnderTheLimit_InOrder()
    {
        var (publisher, requests) = Publisher();
        var big = new string('x', 200 * 1024);
        var events = Enumerable.Range(0, 9)
            .Select(i => new ChatEvent($"e{i}", ChatEventTypes.MessageCreated, "s", T0, new ConversationMetadataChangedData("g", i, new Dictionary<string, string> { ["big"] = big })))
            .ToList();

        await publisher.PublishAsync(events, CancellationToken.None);

        Assert.True(requests.Count >= 3);
        Assert.All(requests, r => Assert.True(r.Body.Length < 1024 * 1024, $"{r.Body.Length} bytes in one request"));
        var ids = requests.SelectMany(r => JsonDocument.Parse(r.Body).RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString())).ToList();
        Assert.Equal(events.Select(e => e.Id), ids);
    }

    [Fact]
    public async Task EventGrid_Publisher_TopicRefusing_Throws_SoTheCallerRetries()
    {
        var (publisher, _) = Publisher(HttpStatusCode.ServiceUnavailable);

        await Assert.ThrowsAsync<RequestFailedException>(() =>
            publisher.PublishAsync([new ChatEvent("e", ChatEventTypes.MessageCreated, "s", T0, new { })], CancellationToken.None));
    }

    [Fact]
    public void EventGrid_Publisher_FromSettings_UsesTheIdentityBasedConnection()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["EventGrid:topicEndpointUri"] = Topic.ToString(), ["EventGrid:clientId"] = Guid.NewGuid().ToString() })
            .Build();

        var publisher = EventGridChatEventPublisher.Create(configuration, new ChatEventsOptions());

        Assert.NotNull(publisher);
        Assert.Throws<InvalidOperationException>(() => EventGridChatEventPublisher.Create(
            new ConfigurationBuilder().Build(), new ChatEventsOptions()));
    }

    private static (EventGridChatEventPublisher Publisher, List<RecordedRequest> Requests) Publisher(HttpStatusCode status = HttpStatusCode.OK)
    {
        var handler = new RecordingHandler(status);
        var options = new EventGridPublisherClientOptions { Transport = new HttpClientTransport(new HttpClient(handler)) };
        options.Retry.MaxRetries = 0;
        var client = new EventGridPublisherClient(Topic, new Credential(), options);
        return (new EventGridChatEventPublisher(client, "/funcchat-test"), handler.Requests);
    }

    private sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? ContentType, string? Authorization, string Body);

    private sealed class RecordingHandler(HttpStatusCode status) : HttpMessageHandler
    {
        public List<RecordedRequest> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add(new RecordedRequest(request.Method, request.RequestUri!, request.Content?.Headers.ContentType?.ToString(),
                request.Headers.Authorization?.ToString(), body));
            return new HttpResponseMessage(status) { Content = new StringContent("") };
        }
    }

    private sealed class Credential : TokenCredential
    {
        public static IReadOnlyList<string> Scopes { get; private set; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes = requestContext.Scopes;
            return new AccessToken("test-token", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }
}

/// <summary>The catalogue in docs/events.md names every event type the code publishes.</summary>
public class EventGridCatalogueTests
{
    [Fact]
    public void EventGrid_Catalogue_DocumentsEveryTypeWithAnExample()
    {
        var catalogue = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "docs", "events.md"));

        foreach (var type in ChatEventTypes.All.Concat(ChatEventTypes.OfSystemEvent.Values).Distinct())
        {
            Assert.Contains($"`{type}`", catalogue, StringComparison.Ordinal);
        }

        foreach (var type in new[] { ChatEventTypes.ConversationCreated, ChatEventTypes.MessageCreated, ChatEventTypes.MessageEdited,
                     ChatEventTypes.MessageReactionsChanged, ChatEventTypes.MessageDeleted, ChatEventTypes.MessagesRead, ChatEventTypes.MembersAdded,
                     ChatEventTypes.ConversationClosed, ChatEventTypes.ConversationMetadataChanged, ChatEventTypes.NotificationDue, ChatEventTypes.UserErased })
        {
            Assert.Contains($"\"type\": \"{type}\"", catalogue, StringComparison.Ordinal);
        }
    }
}
