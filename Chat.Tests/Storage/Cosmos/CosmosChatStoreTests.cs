using System.Net;
using Chat.Shared.Storage;
using Chat.Shared.Storage.Cosmos;
using Microsoft.Azure.Cosmos;

namespace Chat.Tests.Storage.Cosmos;

/// <summary>The parts of the Cosmos DB store that need no database: commit outcomes and error translation.</summary>
public sealed class CosmosChatStoreTests
{
    private const HttpStatusCode Dependency = HttpStatusCode.FailedDependency;

    /// <summary>A send's operations as the store builds them: conversation, message create, a new member, sender read, one reservation.</summary>
    private static readonly CommitOutcome?[] SendKinds =
        [CommitOutcome.ConversationChanged, CommitOutcome.MessageExists, null, CommitOutcome.ConversationChanged, CommitOutcome.AttachmentChanged];

    [Fact]
    public void CommitOutcomeOf_ReturnsCommitted_WhenBatchSucceeded()
    {
        var outcome = CosmosChatStore.CommitOutcomeOf(new FakeBatchResponse(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Created), SendKinds);

        Assert.Equal(CommitOutcome.Committed, outcome);
    }

    [Theory]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    [InlineData(HttpStatusCode.NotFound)]
    public void CommitOutcomeOf_ReturnsConversationChanged_WhenTheConversationReplaceFails(HttpStatusCode status)
    {
        var outcome = CosmosChatStore.CommitOutcomeOf(new FakeBatchResponse(status, status, Dependency, Dependency, Dependency, Dependency), SendKinds);

        Assert.Equal(CommitOutcome.ConversationChanged, outcome);
    }

    [Fact]
    public void CommitOutcomeOf_ReturnsMessageExists_WhenTheMessageCreateConflicts()
    {
        var outcome = CosmosChatStore.CommitOutcomeOf(
            new FakeBatchResponse(HttpStatusCode.Conflict, Dependency, HttpStatusCode.Conflict, Dependency, Dependency, Dependency), SendKinds);

        Assert.Equal(CommitOutcome.MessageExists, outcome);
    }

    [Theory]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    [InlineData(HttpStatusCode.NotFound)]
    public void CommitOutcomeOf_ReturnsAttachmentChanged_WhenAReservationReplaceFails(HttpStatusCode status)
    {
        var outcome = CosmosChatStore.CommitOutcomeOf(new FakeBatchResponse(status, Dependency, Dependency, Dependency, Dependency, status), SendKinds);

        Assert.Equal(CommitOutcome.AttachmentChanged, outcome);
    }

    [Fact]
    public void CommitOutcomeOf_ReturnsConversationChanged_WhenTheSendersMemberDocumentIsGone()
    {
        var outcome = CosmosChatStore.CommitOutcomeOf(
            new FakeBatchResponse(HttpStatusCode.NotFound, Dependency, Dependency, Dependency, HttpStatusCode.NotFound, Dependency), SendKinds);

        Assert.Equal(CommitOutcome.ConversationChanged, outcome);
    }

    [Fact]
    public void CommitOutcomeOf_ThrowsInvalidOperation_WhenAnOperationWithoutAnOutcomeFails()
    {
        var response = new FakeBatchResponse(HttpStatusCode.NotFound, Dependency, Dependency, HttpStatusCode.NotFound, Dependency, Dependency);

        Assert.Throws<InvalidOperationException>(() => CosmosChatStore.CommitOutcomeOf(response, SendKinds));
    }

    [Fact]
    public void CommitOutcomeOf_ThrowsStoreUnavailable_WhenBatchIsThrottled()
    {
        var response = new FakeBatchResponse(HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, Dependency)
        {
            Retry = TimeSpan.FromMilliseconds(700),
        };

        var error = Assert.Throws<StoreUnavailableException>(() => CosmosChatStore.CommitOutcomeOf(response, SendKinds));

        Assert.Equal(TimeSpan.FromMilliseconds(700), error.RetryAfter);
    }

    [Fact]
    public void CommitOutcomeOf_ThrowsInvalidOperation_WhenFailureIsUnexpected()
    {
        var response = new FakeBatchResponse(HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, Dependency);

        Assert.Throws<InvalidOperationException>(() => CosmosChatStore.CommitOutcomeOf(response, SendKinds));
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData((HttpStatusCode)449)]
    public void Translate_ReturnsStoreUnavailable_WhenStatusIsTransient(HttpStatusCode status)
    {
        var cosmos = new CosmosException("busy", status, 3200, "activity", 1.0);

        var error = CosmosErrors.Translate(cosmos, "send");

        var unavailable = Assert.IsType<StoreUnavailableException>(error);
        Assert.Same(cosmos, unavailable.InnerException);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    public void Translate_ReturnsInvalidOperation_WhenStatusIsNotTransient(HttpStatusCode status)
    {
        var error = CosmosErrors.Translate(new CosmosException("no", status, 0, "activity", 1.0), "send");

        Assert.IsType<InvalidOperationException>(error);
        Assert.IsType<CosmosException>(error.InnerException);
    }

    private sealed class FakeBatchResponse(HttpStatusCode status, params HttpStatusCode[] operations) : TransactionalBatchResponse
    {
        public TimeSpan? Retry { get; init; }

        public override HttpStatusCode StatusCode => status;

        public override bool IsSuccessStatusCode => (int)status is >= 200 and <= 299;

        public override int Count => operations.Length;

        public override TimeSpan? RetryAfter => Retry;

        public override TransactionalBatchOperationResult this[int index] => new FakeResult(operations[index]);
    }

    private sealed class FakeResult(HttpStatusCode status) : TransactionalBatchOperationResult
    {
        public override HttpStatusCode StatusCode => status;
    }
}
