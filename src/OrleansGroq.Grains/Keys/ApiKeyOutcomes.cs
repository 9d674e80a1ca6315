using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Upstream;

namespace OrleansGroq.Grains.Keys;

/// <summary>
/// Keeps the key grains off the hot path: the cooldown policy is a pure function, so this silo works out what an answer
/// means for the key and calls the grain only when that is news.
/// </summary>
internal sealed partial class ApiKeyOutcomes(
    ApiKeyRegistry registry, IGrainFactory grains, IOptions<ApiKeyPoolOptions> options, TimeProvider clock, ILogger<ApiKeyOutcomes> logger) : IApiKeyOutcomes
{
    private const int ReportAttempts = 3;
    private static readonly TimeSpan ReportRetryDelay = TimeSpan.FromMilliseconds(100);

    public async ValueTask<ApiKeyStatus> ReportAsync(ApiKeyInfo key, UpstreamOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(outcome);
        if (!registry.TryGet(key.Alias, out var entry))
        {
            throw new KeyNotFoundException($"No API key has the alias '{key.Alias}'.");
        }

        var now = clock.GetUtcNow();
        if (outcome.RateLimits is { } limits)
        {
            entry.LastRateLimits = new ObservedRateLimits(limits, now);
        }

        var known = entry.Status;
        if (!IsNews(CooldownPolicy.Evaluate(outcome, now, options.Value.DefaultCooldown), known, outcome.Model, now))
        {
            return known;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                entry.Apply(await grains.GetGrain<IApiKeyGrain>(key.Alias).ReportOutcomeAsync(outcome));
                return entry.Status;
            }
            catch (Exception exception) when (exception is SiloUnavailableException or OrleansMessageRejectionException && attempt < ReportAttempts)
            {
                // The key's grain was on a silo that just died, and this silo still had its old address: the rejection
                // made it forget that address, so the report sent again re-activates the grain on a survivor. Each key
                // is told this way once per death; without it, the news of each key's first answer after it was lost.
                Log.ReportRetried(logger, key.Alias, exception);
                await Task.Delay(ReportRetryDelay, clock);
            }
            catch (Exception exception) when (exception is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException)
            {
                // Groq's answer is still the caller's, so the request goes on with it rather than failing; the news is
                // not lost for long, as the next answer that brings it reports it again.
                Log.ReportFailed(logger, key.Alias, exception);
                return known;
            }
        }
    }

    // What the grain's max-deadline merge would leave unchanged is not news: a key already disabled, or a cooldown that
    // ends no later than the one in force and is about the same model.
    private static bool IsNews(CooldownDecision decision, ApiKeyStatus known, string? model, DateTimeOffset now)
    {
        if (decision.Disable)
        {
            return !known.Disabled;
        }

        if (decision.CoolUntil is not { } until || until <= now)
        {
            return false;
        }

        return known.CoolingUntil is not { } existing || existing <= now || until > existing || known.CoolingModel != model && known.CoolingModel is not null;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2005, EventName = "ApiKeyReportRetried", Level = LogLevel.Information,
            Message = "Reporting an outcome to the grain of key {Alias} was refused by a silo that is gone; it is sent again.")]
        public static partial void ReportRetried(ILogger logger, string alias, Exception exception);

        [LoggerMessage(EventId = 2004, EventName = "ApiKeyReportFailed", Level = LogLevel.Warning,
            Message = "Reporting an outcome to the grain of key {Alias} failed, its silo being unavailable; the request goes on, and the next such outcome is reported again.")]
        public static partial void ReportFailed(ILogger logger, string alias, Exception exception);
    }
}
