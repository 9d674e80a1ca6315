using Microsoft.Extensions.Time.Testing;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Grains.Keys;

namespace OrleansGroq.Tests.Keys;

/// <summary>The key grain's max-deadline merge: cooldowns only get longer until they pass, and disabled is for good.</summary>
public sealed class CooldownMergeTests
{
    private const string Large = "llama-3.3-70b-versatile";
    private const string Small = "llama-3.1-8b-instant";

    private readonly FakeTimeProvider _clock = new();

    private DateTimeOffset Now => _clock.GetUtcNow();

    [Fact]
    public void A_cooldown_starts_on_a_key_that_has_none()
    {
        var next = Merge(new ApiKeyState(), Now.AddSeconds(30), CooldownReason.RequestsPerMinute);

        Assert.Equal(new ApiKeyState { CoolingUntil = Now.AddSeconds(30), CooldownReason = CooldownReason.RequestsPerMinute }, next);
    }

    [Fact]
    public void A_longer_cooldown_extends_a_shorter_one_with_its_own_reason()
    {
        var current = Merge(new ApiKeyState(), Now.AddMinutes(10), CooldownReason.RetryAfter);

        var next = Merge(current, Now.AddHours(5), CooldownReason.RequestsPerDay);

        Assert.Equal((Now.AddHours(5), CooldownReason.RequestsPerDay), (next.CoolingUntil, next.CooldownReason));
    }

    [Fact]
    public void A_shorter_cooldown_never_shortens_a_longer_one()
    {
        var current = Merge(new ApiKeyState(), Now.AddSeconds(60), CooldownReason.RetryAfter);
        _clock.Advance(TimeSpan.FromSeconds(10));

        var next = Merge(current, Now.AddSeconds(5), CooldownReason.RequestsPerMinute);

        Assert.Same(current, next);
        Assert.Equal((Now.AddSeconds(50), CooldownReason.RetryAfter), (next.CoolingUntil, next.CooldownReason));
    }

    [Fact]
    public void After_a_cooldown_ends_a_shorter_one_replaces_it()
    {
        var current = Merge(new ApiKeyState(), Now.AddSeconds(60), CooldownReason.RequestsPerDay, Large);
        _clock.Advance(TimeSpan.FromSeconds(61));

        var next = Merge(current, Now.AddSeconds(5), CooldownReason.RetryAfter, Small);

        Assert.Equal((Now.AddSeconds(5), CooldownReason.RetryAfter, Small), (next.CoolingUntil, next.CooldownReason, next.CoolingModel));
    }

    [Fact]
    public void A_deadline_already_past_changes_nothing()
    {
        var current = new ApiKeyState();

        Assert.Same(current, Merge(current, Now, CooldownReason.RetryAfter));
        Assert.Same(current, Merge(current, Now.AddSeconds(-1), CooldownReason.RetryAfter));
        Assert.Same(current, Merge(current, null, CooldownReason.None));
    }

    [Fact]
    public void A_401_disables_the_key_for_good_and_keeps_its_cooldown()
    {
        var cooling = Merge(new ApiKeyState(), Now.AddHours(5), CooldownReason.RequestsPerDay);
        var disabledAt = Now;

        var disabled = Merge(cooling, null, CooldownReason.None, disable: true);
        _clock.Advance(TimeSpan.FromDays(30));
        var notEnabled = Merge(disabled, null, CooldownReason.None);
        var disabledAgain = Merge(disabled, null, CooldownReason.None, disable: true);

        Assert.Equal(cooling with { Disabled = true, DisabledAt = disabledAt }, disabled);
        Assert.Same(disabled, notEnabled);
        Assert.Same(disabled, disabledAgain);
    }

    [Fact]
    public void A_cooldown_keeps_its_model_while_only_that_model_cools_down()
    {
        var scoped = Merge(new ApiKeyState(), Now.AddSeconds(30), CooldownReason.TokensPerMinute, Large);

        var extended = Merge(scoped, Now.AddSeconds(60), CooldownReason.TokensPerMinute, Large);

        Assert.Equal(Large, scoped.CoolingModel);
        Assert.Equal((Now.AddSeconds(60), Large), (extended.CoolingUntil, extended.CoolingModel));
    }

    [Fact]
    public void A_shorter_cooldown_for_another_model_widens_the_running_one_to_every_model()
    {
        var scoped = Merge(new ApiKeyState(), Now.AddSeconds(30), CooldownReason.TokensPerMinute, Large);

        var widened = Merge(scoped, Now.AddSeconds(10), CooldownReason.RequestsPerMinute, Small);

        Assert.Equal(new ApiKeyState { CoolingUntil = Now.AddSeconds(30), CooldownReason = CooldownReason.TokensPerMinute }, widened);
    }

    [Fact]
    public void A_longer_cooldown_for_another_model_takes_its_deadline_and_reason_for_every_model()
    {
        var scoped = Merge(new ApiKeyState(), Now.AddSeconds(30), CooldownReason.TokensPerMinute, Large);

        var widened = Merge(scoped, Now.AddSeconds(90), CooldownReason.RequestsPerDay, Small);

        Assert.Equal(new ApiKeyState { CoolingUntil = Now.AddSeconds(90), CooldownReason = CooldownReason.RequestsPerDay }, widened);
    }

    [Fact]
    public void A_shorter_cooldown_for_one_model_leaves_a_cooldown_for_every_model_as_it_is()
    {
        var everyModel = Merge(new ApiKeyState(), Now.AddSeconds(30), CooldownReason.RetryAfter);

        Assert.Same(everyModel, Merge(everyModel, Now.AddSeconds(10), CooldownReason.TokensPerMinute, Small));
    }

    [Fact]
    public void The_merge_leaves_the_version_to_the_grain()
    {
        var current = new ApiKeyState { Version = 7 };

        Assert.Equal(7, Merge(current, Now.AddSeconds(30), CooldownReason.RetryAfter, disable: true).Version);
    }

    private ApiKeyState Merge(ApiKeyState current, DateTimeOffset? coolUntil, CooldownReason reason, string? model = null, bool disable = false) =>
        CooldownMerge.Merge(current, coolUntil, reason, model, disable, Now);
}
