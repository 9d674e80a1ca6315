using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Upstream;

namespace OrleansGroq.Silo.Telemetry;

/// <summary>
/// Counts what upstream answers do to the keys as they are reported: every 429 received, each cooldown an answer
/// starts and each key a 401 disables. Wraps the registered <see cref="IApiKeyOutcomes"/>; the reporting is its.
/// </summary>
public sealed class MeteredKeyOutcomes(IApiKeyOutcomes inner, IApiKeyPool pool, GatewayMetrics metrics, TimeProvider time) : IApiKeyOutcomes
{
    public async ValueTask<ApiKeyStatus> ReportAsync(ApiKeyInfo key, UpstreamOutcome outcome)
    {
        if (outcome.StatusCode is not (429 or 401))
        {
            return await inner.ReportAsync(key, outcome);
        }

        var before = pool.GetStatus(key.Alias);
        var after = await inner.ReportAsync(key, outcome);
        if (outcome.StatusCode == 429)
        {
            metrics.UpstreamRateLimited(key.Alias, key.Account, outcome.Model, LimitName(outcome.Error?.Limit ?? RateLimitKind.Unknown));
            var now = time.GetUtcNow();
            if (after.CoolingUntil > now && after.CoolingUntil != before.CoolingUntil)
            {
                metrics.KeyCooledDown(key.Alias, key.Account, CooldownReasonNames.ToName(after.Reason) ?? "rate_limited");
            }
        }
        else if (after.Disabled && !before.Disabled)
        {
            metrics.KeyDisabled(key.Alias, key.Account);
        }

        return after;
    }

    private static string LimitName(RateLimitKind limit) => limit switch
    {
        RateLimitKind.RequestsPerMinute => "rpm",
        RateLimitKind.RequestsPerDay => "rpd",
        RateLimitKind.TokensPerMinute => "tpm",
        RateLimitKind.TokensPerDay => "tpd",
        RateLimitKind.Unknown => "unknown",
        _ => "other",
    };
}
