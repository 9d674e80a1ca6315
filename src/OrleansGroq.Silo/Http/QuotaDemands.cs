using System.Globalization;
using OrleansGroq.Abstractions.Gateway;
using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Grains.Upstream;
using OrleansGroq.Silo.Errors;

namespace OrleansGroq.Silo.Http;

/// <summary>
/// Reads what a request asks of the budget from its headers: <c>x-orleansgroq-priority</c> (<c>interactive</c>, the
/// default, or <c>batch</c>) and <c>x-orleansgroq-max-wait-ms</c> (how long it may wait in admission).
/// </summary>
public static class QuotaDemands
{
    private const int MaxWaitLimitMs = 300_000;

    public static OpenAiErrorResult? TryRead(HttpContext context, long estimatedTokens, GatewayOptions options, out QuotaDemand demand)
    {
        demand = null!;
        var headers = context.Request.Headers;
        var priority = QuotaPriority.Interactive;
        if (headers[GatewayHeaders.Priority].ToString() is { Length: > 0 } named)
        {
            if (named.Equals("batch", StringComparison.OrdinalIgnoreCase))
            {
                priority = QuotaPriority.Batch;
            }
            else if (!named.Equals("interactive", StringComparison.OrdinalIgnoreCase))
            {
                return GatewayErrors.InvalidRequest($"'{GatewayHeaders.Priority}' must be 'interactive' or 'batch'.", GatewayHeaders.Priority, "invalid_value");
            }
        }

        var maxWait = options.DefaultMaxWait;
        if (headers[GatewayHeaders.MaxWaitMs].ToString() is { Length: > 0 } wait)
        {
            if (!int.TryParse(wait, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms > MaxWaitLimitMs)
            {
                return GatewayErrors.InvalidRequest(
                    $"'{GatewayHeaders.MaxWaitMs}' must be a whole number of milliseconds from 0 to {MaxWaitLimitMs}.", GatewayHeaders.MaxWaitMs, "invalid_value");
            }

            maxWait = TimeSpan.FromMilliseconds(ms);
        }

        demand = new QuotaDemand(estimatedTokens, priority, maxWait);
        return null;
    }
}
