using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Upstream;
using OrleansGroq.Grains.Keys;

namespace OrleansGroq.Tests.Keys;

public sealed class ApiKeyPoolTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void The_affinity_hash_is_the_same_in_every_process()
    {
        // Pinned from an independent implementation: HashCode would differ per process and split sessions across nodes.
        Assert.Equal(12745503095846928481UL, AffinityHash.Of("session-42"));
        Assert.Equal("b", Pool(("a", "o"), ("b", "o"), ("c", "o")).Select("session-42").Key?.Alias);
    }

    [Fact]
    public void An_affinity_keeps_its_key_on_every_call_and_every_node()
    {
        var pool = Pool(("a", "o1"), ("b", "o1"), ("c", "o2"), ("d", "o3"));
        var otherNode = Pool(("d", "o3"), ("c", "o2"), ("b", "o1"), ("a", "o1"));

        for (var i = 0; i < 500; i++)
        {
            var affinity = $"client-{i}";
            var first = pool.Select(affinity);
            Assert.False(first.Rotated);
            Assert.Equal(first, pool.Select(affinity));
            Assert.Equal(first.Key, otherNode.Select(affinity).Key);
        }
    }

    [Fact]
    public void Affinities_spread_evenly_over_the_keys()
    {
        var pool = Pool(("a", "o1"), ("b", "o1"), ("c", "o2"), ("d", "o2"));

        var counts = Enumerable.Range(0, 10_000)
            .GroupBy(i => pool.Select($"session-{i}").Key!.Alias)
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(["a", "b", "c", "d"], counts.Keys.Order());
        Assert.All(counts.Values, count => Assert.InRange(count, 2250, 2750));
    }

    [Fact]
    public void Losing_a_key_moves_only_the_affinities_that_preferred_it()
    {
        var registry = Registry(("a", "o1"), ("b", "o2"), ("c", "o3"), ("d", "o4"));
        var pool = new ApiKeyPool(registry, _clock);
        var before = Enumerable.Range(0, 2_000).Select(i => pool.Select($"s{i}").Key!.Alias).ToArray();

        SetStatus(registry, "c", disabled: true);
        var after = Enumerable.Range(0, 2_000).Select(i => pool.Select($"s{i}")).ToArray();

        for (var i = 0; i < before.Length; i++)
        {
            Assert.NotEqual("c", after[i].Key!.Alias);
            if (before[i] != "c")
            {
                Assert.Equal(before[i], after[i].Key!.Alias);
            }
        }
    }

    [Fact]
    public async Task A_429_moves_the_session_to_another_accounts_key_and_back_after_the_cooldown()
    {
        await using var host = await KeyTestHost.StartAsync(("a1", "org-a"), ("a2", "org-a"), ("b1", "org-b"));
        var registry = Registry(("a1", "org-a"), ("a2", "org-a"), ("b1", "org-b"));

        // A session whose fallback order, by hash alone, would stay in the rate-limited organization.
        var session = Enumerable.Range(0, 10_000).Select(i => $"session-{i}")
            .First(s => Ranking(registry, s).SequenceEqual(["a1", "a2", "b1"]));
        Assert.Equal("a1", host.Select(session));

        await host.ReportAsync("a1", 429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(20) }, new UpstreamError("requests", "rate_limit_exceeded", RateLimitKind.RequestsPerMinute, null));
        var moved = host.Pool.Select(session);

        Assert.Equal(new ApiKeySelection(new ApiKeyInfo("b1", "org-b"), null, Rotated: true), moved);
        host.Clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(new ApiKeySelection(new ApiKeyInfo("a1", "org-a"), null, Rotated: false), host.Pool.Select(session));
    }

    [Fact]
    public void A_key_of_the_limited_account_is_used_when_no_other_account_has_one()
    {
        var registry = Registry(("a1", "org-a"), ("a2", "org-a"), ("b1", "org-b"));
        var pool = new ApiKeyPool(registry, _clock);
        SetStatus(registry, "a1", coolFor: TimeSpan.FromMinutes(1));
        SetStatus(registry, "b1", coolFor: TimeSpan.FromMinutes(2));

        Assert.All(Enumerable.Range(0, 100), i => Assert.Equal("a2", pool.Select($"s{i}").Key!.Alias));
    }

    [Fact]
    public void Excluded_keys_are_never_returned_and_avoided_accounts_come_last()
    {
        var pool = Pool(("a1", "org-a"), ("a2", "org-a"), ("b1", "org-b"));

        for (var i = 0; i < 200; i++)
        {
            var affinity = $"s{i}";
            Assert.Equal("b1", pool.Select(affinity, ["a1"], ["org-a"]).Key!.Alias);
            Assert.Equal("a2", pool.Select(affinity, ["a1", "b1"], ["org-a"]).Key!.Alias);
            Assert.False(pool.Select(affinity, ["a1", "a2", "b1"]).Found);
            Assert.NotEqual("b1", pool.Select(affinity, default, ["org-b"]).Key!.Alias);
        }
    }

    [Fact]
    public void When_every_key_cools_down_the_answer_is_the_earliest_end()
    {
        var registry = Registry(("a", "o1"), ("b", "o2"), ("c", "o3"));
        var pool = new ApiKeyPool(registry, _clock);
        SetStatus(registry, "a", coolFor: TimeSpan.FromSeconds(90));
        SetStatus(registry, "b", coolFor: TimeSpan.FromSeconds(30));
        SetStatus(registry, "c", disabled: true);

        var selection = pool.Select("s");

        Assert.False(selection.Found);
        Assert.Equal(_clock.GetUtcNow().AddSeconds(30), selection.RetryAt);
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("b", pool.Select("s").Key!.Alias);
    }

    [Fact]
    public void When_every_key_is_disabled_no_key_will_ever_free_up()
    {
        var registry = Registry(("a", "o1"), ("b", "o2"));
        var pool = new ApiKeyPool(registry, _clock);
        SetStatus(registry, "a", disabled: true);
        SetStatus(registry, "b", disabled: true);

        Assert.Equal(new ApiKeySelection(null, null, false), pool.Select("s"));
        Assert.Equal(default, Pool().Select("s"));
    }

    [Fact]
    public void Selection_allocates_nothing()
    {
        var registry = Registry(("a1", "org-a"), ("a2", "org-a"), ("b1", "org-b"), ("c1", "org-c"));
        var pool = new ApiKeyPool(registry, _clock);
        SetStatus(registry, "a1", coolFor: TimeSpan.FromMinutes(1));
        var affinities = Enumerable.Range(0, 64).Select(i => $"session-{i}").ToArray();
        Exercise();

        var before = GC.GetAllocatedBytesForCurrentThread();
        Exercise();

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        void Exercise()
        {
            for (var round = 0; round < 100; round++)
            {
                foreach (var affinity in affinities)
                {
                    pool.Select(affinity);
                    pool.Select(affinity, ["b1"], ["org-b"]);
                }
            }
        }
    }

    [Fact]
    public void An_unknown_alias_has_no_status()
    {
        Assert.Throws<KeyNotFoundException>(() => Pool(("a", "o")).GetStatus("b"));
    }

    private ApiKeyPool Pool(params (string Alias, string Account)[] keys) => new(Registry(keys), _clock);

    private static ApiKeyRegistry Registry(params (string Alias, string Account)[] keys)
    {
        var options = new ApiKeyPoolOptions();
        foreach (var (alias, account) in keys)
        {
            options.Keys.Add(new ApiKeyOptions { Alias = alias, Account = account, Secret = "gsk_x" });
        }

        return new ApiKeyRegistry(Options.Create(options));
    }

    private static string[] Ranking(ApiKeyRegistry registry, string affinity) =>
        registry.Entries
            .OrderByDescending(entry => AffinityHash.Weight(AffinityHash.Of(affinity), entry.Hash))
            .Select(entry => entry.Info.Alias)
            .ToArray();

    private void SetStatus(ApiKeyRegistry registry, string alias, TimeSpan? coolFor = null, bool disabled = false)
    {
        Assert.True(registry.TryGet(alias, out var entry));
        entry.Apply(new ApiKeyStatus(entry.Info, _clock.GetUtcNow() + coolFor, coolFor is null ? CooldownReason.None : CooldownReason.RetryAfter, disabled, Version: entry.Status.Version + 1));
    }
}
