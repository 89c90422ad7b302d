using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;

namespace Chat.Shared.Storage.Cosmos;

/// <summary>
/// A handler in the Cosmos DB client pipeline: adds each request and its charge (<c>x-ms-request-charge</c>) to
/// the open <see cref="CosmosRequestMetrics"/> scopes and logs it at Debug (status, charge; never content).
/// </summary>
public sealed class CosmosRequestRecorder(ILogger<CosmosRequestRecorder> logger) : RequestHandler
{
    public override async Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        ResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
            return response;
        }
        finally
        {
            var charge = response?.Headers.RequestCharge ?? 0;
            CosmosRequestMetrics.Record(charge);
            logger.LogDebug("Cosmos DB request for {Operation}: {Method} answered {StatusCode} costing {RequestCharge} RU",
                CosmosRequestMetrics.Current?.Operation ?? "unscoped", request.Method, (int?)response?.StatusCode, charge);
        }
    }
}
