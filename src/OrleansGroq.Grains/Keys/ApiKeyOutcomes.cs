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

        ApiKeyStatus status;
        try
        {
            status = await grains.GetGrain<IApiKeyGrain>(key.Alias).ReportOutcomeAsync(outcome);
        }
        catch (Exception exception) when (exception is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException)
        {
            // The key's grain was on a silo that just died. Groq's answer is still the caller's, so the request goes on
            // with it rather than failing; the news is not lost for long, as the next answer that brings it reports it
            // again, by then to the grain active again on a survivor.
            Log.ReportFailed(logger, key.Alias, exception);
            return known;
        }

        entry.Apply(status);
        return entry.Status;
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
        [LoggerMessage(EventId = 2004, EventName = "ApiKeyReportFailed", Level = LogLevel.Warning,
            Message = "Reporting an outcome to the grain of key {Alias} failed, its silo being unavailable; the request goes on, and the next such outcome is reported again.")]
        public static partial void ReportFailed(ILogger logger, string alias, Exception exception);
    }
}
