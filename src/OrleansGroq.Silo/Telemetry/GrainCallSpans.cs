using System.Diagnostics;

namespace OrleansGroq.Silo.Telemetry;

/// <summary>
/// A client span for each grain call this silo makes while a tracer listens (<c>orleans {interface}/{method}</c>), so
/// that a request's trace shows the grain calls it waited on. Orleans' own activity propagation is not used: with its
/// filters on, a cluster client's streamed call to the in-process gateway lost its enumerator halfway
/// (<c>EnumerationAbortedException</c> in ClusterClientTests, every run).
/// </summary>
internal sealed class GrainCallSpans : IOutgoingGrainCallFilter
{
    public Task Invoke(IOutgoingGrainCallContext context) =>
        GatewayTelemetry.Source.HasListeners() ? InvokeTracedAsync(context) : context.Invoke();

    private static async Task InvokeTracedAsync(IOutgoingGrainCallContext context)
    {
        using var span = GatewayTelemetry.Source.StartActivity($"orleans {context.InterfaceName}/{context.MethodName}", ActivityKind.Client);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("rpc.system", "orleans");
            span.SetTag("rpc.service", context.InterfaceName);
            span.SetTag("rpc.method", context.MethodName);
        }

        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (span is not null)
        {
            span.SetStatus(ActivityStatusCode.Error);
            span.SetTag("error.type", e.GetType().Name);
            throw;
        }
    }
}
