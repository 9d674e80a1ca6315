using Microsoft.Extensions.Time.Testing;
using OrleansGroq.Emulator.Caching;
using OrleansGroq.Emulator.Completions;

namespace OrleansGroq.Emulator.Tests.Caching;

public sealed class PromptCacheTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly PromptCache _cache;

    public PromptCacheTests() => _cache = new PromptCache(_clock);

    private static readonly PromptPrefix[] Conversation = [new(1, 100), new(2, 300), new(3, 320)];

    [Fact]
    public void A_repeated_prefix_is_cached_from_its_longest_match()
    {
        Assert.Equal(0, _cache.Lookup("org", "m", Conversation));
        _cache.Store("org", "m", Conversation[..2]);

        Assert.Equal(300, _cache.Lookup("org", "m", Conversation));
    }

    [Fact]
    public void Prefixes_below_128_tokens_are_never_cached()
    {
        _cache.Store("org", "m", Conversation);

        Assert.Equal(0, _cache.Lookup("org", "m", [new PromptPrefix(1, 100), new PromptPrefix(9, 200)]));
    }

    [Fact]
    public void Caches_are_per_account_and_model()
    {
        _cache.Store("org", "m", Conversation);

        Assert.Equal(0, _cache.Lookup("other", "m", Conversation));
        Assert.Equal(0, _cache.Lookup("org", "other", Conversation));
    }

    [Fact]
    public void Entries_expire_two_hours_after_last_use()
    {
        _cache.Store("org", "m", Conversation);
        _clock.Advance(TimeSpan.FromHours(1.5));
        _cache.Store("org", "m", Conversation);
        _clock.Advance(TimeSpan.FromHours(1.5));

        Assert.Equal(320, _cache.Lookup("org", "m", Conversation));

        _clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(0, _cache.Lookup("org", "m", Conversation));
    }
}
