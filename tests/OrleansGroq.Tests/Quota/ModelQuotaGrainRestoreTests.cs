using Microsoft.Extensions.Time.Testing;
using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Grains.Quota;

namespace OrleansGroq.Tests.Quota;

/// <summary>
/// What a re-activated <see cref="ModelQuotaGrain"/> starts from. Groq is a bucket of the same capacity; the dead
/// activation granted as much as it could after its last write, within the horizon it grants in.
/// </summary>
public sealed class ModelQuotaGrainRestoreTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly QuotaLimits Limits = new(Rpm: 60, Rpd: 14_400, Tpm: 6_000, Tpd: 0);

    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void After_a_death_the_grain_never_grants_more_than_groq_holds_even_when_the_last_activation_spent_its_horizon()
    {
        var written = Written(new QuotaLevels(Rpm: 30, Rpd: 9_000, Tpm: 4_000, Tpd: 0), final: false);
        var groqRequests = new TokenBucket(Limits.Rpm, Minute, 30, _clock.GetUtcNow());
        var groqTokens = new TokenBucket(Limits.Tpm, Minute, 4_000, _clock.GetUtcNow());

        // The dead activation granted everything there was up to the end of its horizon, and Groq counted it all.
        _clock.Advance(ModelQuotaGrain.GrantHorizon);
        Spend(groqRequests, groqTokens);
        var restored = ModelQuotaGrain.Restore(written, _clock.GetUtcNow());

        for (var second = 0; second <= 90; second += 3)
        {
            restored.Refill(_clock.GetUtcNow());
            groqRequests.Refill(_clock.GetUtcNow());
            groqTokens.Refill(_clock.GetUtcNow());
            var (requests, tokens) = restored.Room(0);
            Assert.True(requests <= groqRequests.Room(0), $"{requests} requests granted at {second} s where Groq held {groqRequests.Room(0)}");
            Assert.True(tokens <= groqTokens.Room(0), $"{tokens} tokens granted at {second} s where Groq held {groqTokens.Room(0)}");
            restored.Lease(requests, tokens, 0);
            groqRequests.Take(requests);
            groqTokens.Take(tokens);
            _clock.Advance(TimeSpan.FromSeconds(3));
        }
    }

    [Fact]
    public void After_a_death_the_binding_bucket_starts_below_zero_and_a_day_bucket_loses_only_what_the_minute_bucket_allowed()
    {
        var restored = ModelQuotaGrain.Restore(Written(new QuotaLevels(Rpm: 30, Rpd: 9_000, Tpm: 4_000, Tpd: 0), final: false), _clock.GetUtcNow());

        // Within two seconds, at most 30 + 2 requests and 4,000 + 200 tokens could have left.
        Assert.Equal(new QuotaLevels(Rpm: -2, Rpd: 8_968, Tpm: -200, Tpd: 0), restored.State.Available);
    }

    [Fact]
    public void State_written_at_deactivation_is_taken_as_it_stands()
    {
        var levels = new QuotaLevels(Rpm: 30, Rpd: 9_000, Tpm: 4_000, Tpd: 0);

        var restored = ModelQuotaGrain.Restore(Written(levels, final: true), _clock.GetUtcNow() + TimeSpan.FromMinutes(5));

        Assert.Equal(levels, restored.State.Available);
    }

    private SharedQuotaState Written(QuotaLevels levels, bool final) =>
        new() { Buckets = new QuotaBucketState(Limits, levels), At = _clock.GetUtcNow(), Final = final };

    private static void Spend(TokenBucket requests, TokenBucket tokens)
    {
        requests.Refill(requests.RefilledAt + ModelQuotaGrain.GrantHorizon);
        tokens.Refill(tokens.RefilledAt + ModelQuotaGrain.GrantHorizon);
        requests.Take((long)requests.Level);
        tokens.Take((long)tokens.Level);
    }
}
