using System.Net;
using Chat.Shared.Storage;
using Chat.Shared.Storage.Cosmos;
using Microsoft.Azure.Cosmos;

namespace Chat.Tests.Storage.Cosmos;

/// <summary>The parts of the Cosmos DB store that need no database: batch outcomes and error translation.</summary>
public sealed class CosmosChatStoreTests
{
    private const HttpStatusCode Dependency = HttpStatusCode.FailedDependency;

    [Fact]
    public void AppendOutcomeOf_ReturnsAppended_WhenBatchSucceeded()
    {
        var outcome = CosmosChatStore.AppendOutcomeOf(new FakeBatchResponse(HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.OK));

        Assert.Equal(AppendOutcome.Appended, outcome);
    }

    [Fact]
    public void AppendOutcomeOf_ReturnsMessageExists_WhenMessageCreateConflicts()
    {
        var outcome = CosmosChatStore.AppendOutcomeOf(new FakeBatchResponse(HttpStatusCode.Conflict, HttpStatusCode.Conflict, Dependency, Dependency));

        Assert.Equal(AppendOutcome.MessageExists, outcome);
    }

    [Theory]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    [InlineData(HttpStatusCode.NotFound)]
    public void AppendOutcomeOf_ReturnsConversationChanged_WhenConversationReplaceFails(HttpStatusCode status)
    {
        var outcome = CosmosChatStore.AppendOutcomeOf(new FakeBatchResponse(status, Dependency, status, Dependency));

        Assert.Equal(AppendOutcome.ConversationChanged, outcome);
    }

    [Theory]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    [InlineData(HttpStatusCode.NotFound)]
    public void AppendOutcomeOf_ReturnsAttachmentChanged_WhenAnAttachmentReplaceFails(HttpStatusCode status)
    {
        var outcome = CosmosChatStore.AppendOutcomeOf(new FakeBatchResponse(status, Dependency, Dependency, Dependency, status));

        Assert.Equal(AppendOutcome.AttachmentChanged, outcome);
    }

    [Fact]
    public void AppendOutcomeOf_ThrowsStoreUnavailable_WhenBatchIsThrottled()
    {
        var response = new FakeBatchResponse(HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, Dependency)
        {
            Retry = TimeSpan.FromMilliseconds(700),
        };

        var error = Assert.Throws<StoreUnavailableException>(() => CosmosChatStore.AppendOutcomeOf(response));

        Assert.Equal(TimeSpan.FromMilliseconds(700), error.RetryAfter);
    }

    [Fact]
    public void AppendOutcomeOf_ThrowsInvalidOperation_WhenFailureIsUnexpected()
    {
        var response = new FakeBatchResponse(HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, Dependency);

        Assert.Throws<InvalidOperationException>(() => CosmosChatStore.AppendOutcomeOf(response));
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
