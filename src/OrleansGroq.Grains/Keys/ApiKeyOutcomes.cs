using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Upstream;

namespace OrleansGroq.Grains.Keys;

/// <summary>
/// Keeps the key grains off the hot path: the cooldown policy is a pure function, so this silo works out what an answer
/// means for the key and calls the grain only when that is news.
/// </summary>
internal sealed class ApiKeyOutcomes(ApiKeyRegistry registry, IGrainFactory grains, IOptions<ApiKeyPoolOptions> options, TimeProvider clock) : IApiKeyOutcomes
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

        var status = await grains.GetGrain<IApiKeyGrain>(key.Alias).ReportOutcomeAsync(outcome);
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
}
