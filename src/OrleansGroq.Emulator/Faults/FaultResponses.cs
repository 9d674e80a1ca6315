using OrleansGroq.Emulator.Http;
using OrleansGroq.Emulator.Limits;

namespace OrleansGroq.Emulator.Faults;

/// <summary>
/// Applies the faults that strike before a response starts. Status faults answer without charging
/// the rate limits (Groq never generated anything); latency delays and lets the request go on.
/// </summary>
internal static class FaultResponses
{
    /// <summary>True when the fault has answered (or dropped) the request and nothing more may be sent.</summary>
    public static async Task<bool> ApplyBeforeResponseAsync(HttpContext context, FaultRule? fault, string model, BucketSet buckets, TimeProvider time)
    {
        var error = fault?.Kind switch
        {
            FaultKind.Status500 => GroqErrors.InternalServerError,
            FaultKind.Status502 => GroqErrors.BadGateway,
            FaultKind.Status503 => GroqErrors.OverCapacity(model),
            FaultKind.Status498 => GroqErrors.FlexCapacityExceeded,
            _ => null,
        };
        if (error is not null)
        {
            RateLimitHeaders.Apply(context.Response.Headers, buckets.Snapshot());
            await GroqErrorWriter.SendAsync(context.Response, error);
            return true;
        }

        switch (fault?.Kind)
        {
            case FaultKind.Latency:
                await Task.Delay(TimeSpan.FromMilliseconds(fault.DelayMs ?? 0), time, context.RequestAborted);
                return false;
            case FaultKind.StallBeforeFirstByte:
                await Task.Delay(fault.DelayMs is { } ms ? TimeSpan.FromMilliseconds(ms) : Timeout.InfiniteTimeSpan, time, context.RequestAborted);
                context.Abort();
                return true;
            default:
                return false;
        }
    }
}
