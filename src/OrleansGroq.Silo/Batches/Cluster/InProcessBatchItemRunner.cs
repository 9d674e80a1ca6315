using System.Globalization;
using OrleansGroq.Abstractions.Gateway;
using OrleansGroq.Grains.Batches;
using OrleansGroq.Silo.Auth;
using OrleansGroq.Silo.Http;
using OrleansGroq.Silo.InProcess;

namespace OrleansGroq.Silo.Batches.Cluster;

/// <summary>
/// Runs a batch line as a chat completion through this silo's own HTTP pipeline (<see cref="InProcessGateway"/>), so it
/// takes every stage a client's request takes: the tenant's fair share, admission at batch priority (it gets only the
/// budget interactive work leaves, and waits for it), routing, cache, cascade, usage and telemetry.
/// </summary>
internal sealed class InProcessBatchItemRunner(InProcessGateway gateway) : IBatchItemRunner
{
    private const string ChatPath = "/openai/v1/chat/completions";

    // A line may wait in admission as long as the gateway allows any request to: it has hours, not seconds.
    private static readonly string MaxWait = 300_000.ToString(CultureInfo.InvariantCulture);

    public async Task<BatchItemAnswer> RunAsync(string tenant, byte[] body, CancellationToken cancellationToken)
    {
        KeyValuePair<string, string>[] headers =
        [
            new("Content-Type", "application/json"),
            new(GatewayHeaders.Priority, "batch"),
            new(GatewayHeaders.MaxWaitMs, MaxWait),
        ];
        var request = new GatewayRequest("POST", ChatPath, "localhost", headers, body);
        var status = 0;
        string? requestId = null;
        using var content = new MemoryStream();
        await foreach (var part in gateway.SendAsync(request, cancellationToken, new GatewayClient(tenant)))
        {
            switch (part)
            {
                case GatewayResponseStart start:
                    status = start.StatusCode;
                    requestId = start.Headers.FirstOrDefault(h => h.Key.Equals(GatewayHeaders.RequestId, StringComparison.OrdinalIgnoreCase)).Value;
                    break;
                case GatewayResponseChunk chunk:
                    content.Write(chunk.Bytes);
                    break;
            }
        }

        return new BatchItemAnswer(status, requestId, content.ToArray());
    }
}
