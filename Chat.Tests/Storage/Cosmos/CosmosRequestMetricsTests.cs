using System.Net;
using Chat.Shared.Storage.Cosmos;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chat.Tests.Storage.Cosmos;

public sealed class CosmosRequestMetricsTests
{
    [Fact]
    public async Task SendAsync_AddsCountAndChargeToTheOpenScope()
    {
        var recorder = Recorder(5.25, 1.5);

        using var scope = CosmosRequestMetrics.BeginOperation("send");
        await SendAsync(recorder);
        await SendAsync(recorder);

        Assert.Equal(2, scope.RequestCount);
        Assert.Equal(6.75, scope.RequestCharge, 3);
    }

    [Fact]
    public async Task SendAsync_AddsToOuterScopesToo_WhenScopesNest()
    {
        var recorder = Recorder(2, 3, 4);

        using var outer = CosmosRequestMetrics.BeginOperation("request");
        await SendAsync(recorder);
        using (var inner = CosmosRequestMetrics.BeginOperation("store"))
        {
            await SendAsync(recorder);
            await SendAsync(recorder);
            Assert.Equal((2, 7.0), (inner.RequestCount, inner.RequestCharge));
        }

        Assert.Same(outer, CosmosRequestMetrics.Current);
        Assert.Equal((3, 9.0), (outer.RequestCount, outer.RequestCharge));
    }

    [Fact]
    public async Task BeginOperation_KeepsScopesApart_AcrossConcurrentFlows()
    {
        var recorder = Recorder(1, 1, 1, 1, 1);

        async Task<int> FlowAsync(int requests)
        {
            using var scope = CosmosRequestMetrics.BeginOperation($"flow{requests}");
            for (var i = 0; i < requests; i++)
            {
                await Task.Yield();
                await SendAsync(recorder);
            }

            return scope.RequestCount;
        }

        var counts = await Task.WhenAll(Task.Run(() => FlowAsync(2)), Task.Run(() => FlowAsync(3)));

        Assert.Equal([2, 3], counts);
    }

    [Fact]
    public async Task SendAsync_RecordsNothing_WhenNoScopeIsOpen()
    {
        var recorder = Recorder(9);

        var response = await SendAsync(recorder);

        Assert.Null(CosmosRequestMetrics.Current);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Dispose_RestoresTheParentScope()
    {
        using var outer = CosmosRequestMetrics.BeginOperation("outer");
        var inner = CosmosRequestMetrics.BeginOperation("inner");

        inner.Dispose();

        Assert.Same(outer, CosmosRequestMetrics.Current);
        Assert.Same(outer, inner.Parent);
    }

    private static CosmosRequestRecorder Recorder(params double[] charges) =>
        new(NullLogger<CosmosRequestRecorder>.Instance) { InnerHandler = new StubHandler(charges) };

    private static Task<ResponseMessage> SendAsync(RequestHandler handler) =>
        handler.SendAsync(new RequestMessage(HttpMethod.Get, new Uri("dbs/chat/colls/chat/docs/x", UriKind.Relative)), CancellationToken.None);

    private sealed class StubHandler(double[] charges) : RequestHandler
    {
        private int _next;

        public override Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
        {
            var response = new ResponseMessage(HttpStatusCode.OK, request, errorMessage: null);
            var charge = charges[Interlocked.Increment(ref _next) - 1];
            response.Headers["x-ms-request-charge"] = charge.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Task.FromResult(response);
        }
    }
}
