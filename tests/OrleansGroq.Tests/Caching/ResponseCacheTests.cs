using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrleansGroq.Abstractions.Caching;
using OrleansGroq.Grains.Caching;

namespace OrleansGroq.Tests.Caching;

public sealed class ResponseCacheTests
{
    private const string Model = "llama-3.1-8b-instant";
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_stored_response_is_found_with_its_model_and_time()
    {
        var cache = Cache();
        var body = Encoding.UTF8.GetBytes("""{"id":"chatcmpl-1"}""");
        var key = Key("a", "request");

        Assert.False(cache.TryGet(key, out _));
        cache.Set(key, body, Model);

        Assert.True(cache.TryGet(key, out var response));
        Assert.Same(body, response.Body);
        Assert.Equal((Model, _time.GetUtcNow()), (response.Model, response.StoredAt));
        Assert.Equal((1L, 1L, 1), (cache.Hits, cache.Misses, cache.Count));
    }

    [Fact]
    public void Another_body_is_a_miss()
    {
        var cache = Cache();
        cache.Set(Key("a", "request"), [1], Model);

        Assert.False(cache.TryGet(Key("a", "other request"), out var response));
        Assert.Null(response);
    }

    [Fact]
    public void Another_tenant_never_sees_the_entry()
    {
        var cache = Cache();
        cache.Set(Key("a", "request"), [1], Model);

        Assert.False(cache.TryGet(Key("b", "request"), out _));
        cache.Set(Key("b", "request"), [2], Model);

        Assert.True(cache.TryGet(Key("a", "request"), out var forA));
        Assert.True(cache.TryGet(Key("b", "request"), out var forB));
        Assert.Equal([1], forA.Body);
        Assert.Equal([2], forB.Body);
    }

    [Fact]
    public void An_entry_lives_for_its_time_to_live_and_then_is_a_miss_and_gone()
    {
        var cache = Cache(new ResponseCacheOptions { TimeToLive = TimeSpan.FromMinutes(10) });
        cache.Set(Key("a", "request"), [1], Model);

        _time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));
        Assert.True(cache.TryGet(Key("a", "request"), out _));

        _time.Advance(TimeSpan.FromTicks(1));
        Assert.False(cache.TryGet(Key("a", "request"), out _));
        Assert.Equal((0, 1L, 0L), (cache.Count, cache.Misses, cache.Evictions));
    }

    [Fact]
    public void Reading_does_not_extend_the_time_to_live()
    {
        var cache = Cache(new ResponseCacheOptions { TimeToLive = TimeSpan.FromMinutes(10) });
        cache.Set(Key("a", "request"), [1], Model);

        _time.Advance(TimeSpan.FromMinutes(6));
        Assert.True(cache.TryGet(Key("a", "request"), out _));
        _time.Advance(TimeSpan.FromMinutes(6));

        Assert.False(cache.TryGet(Key("a", "request"), out _));
    }

    [Fact]
    public void Storing_again_replaces_the_entry_and_restarts_its_time_to_live()
    {
        var cache = Cache(new ResponseCacheOptions { TimeToLive = TimeSpan.FromMinutes(10) });
        cache.Set(Key("a", "request"), [1], Model);
        _time.Advance(TimeSpan.FromMinutes(8));
        cache.Set(Key("a", "request"), [2], "llama-3.3-70b-versatile");
        _time.Advance(TimeSpan.FromMinutes(8));

        Assert.True(cache.TryGet(Key("a", "request"), out var response));
        Assert.Equal([2], response.Body);
        Assert.Equal("llama-3.3-70b-versatile", response.Model);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Beyond_capacity_the_least_recently_stored_entry_goes()
    {
        var cache = Cache(new ResponseCacheOptions { MaxEntries = 2 });
        cache.Set(Key("a", "1"), [1], Model);
        cache.Set(Key("a", "2"), [2], Model);
        cache.Set(Key("a", "3"), [3], Model);

        Assert.False(cache.TryGet(Key("a", "1"), out _));
        Assert.True(cache.TryGet(Key("a", "2"), out _));
        Assert.True(cache.TryGet(Key("a", "3"), out _));
        Assert.Equal((2, 1L), (cache.Count, cache.Evictions));
    }

    [Fact]
    public void A_read_makes_an_entry_recent_so_it_outlives_a_newer_one()
    {
        var cache = Cache(new ResponseCacheOptions { MaxEntries = 2 });
        cache.Set(Key("a", "1"), [1], Model);
        cache.Set(Key("a", "2"), [2], Model);
        Assert.True(cache.TryGet(Key("a", "1"), out _));

        cache.Set(Key("a", "3"), [3], Model);

        Assert.True(cache.TryGet(Key("a", "1"), out _));
        Assert.False(cache.TryGet(Key("a", "2"), out _));
        Assert.True(cache.TryGet(Key("a", "3"), out _));
    }

    [Fact]
    public void Storing_again_makes_an_entry_recent()
    {
        var cache = Cache(new ResponseCacheOptions { MaxEntries = 2 });
        cache.Set(Key("a", "1"), [1], Model);
        cache.Set(Key("a", "2"), [2], Model);
        cache.Set(Key("a", "1"), [11], Model);

        cache.Set(Key("a", "3"), [3], Model);

        Assert.True(cache.TryGet(Key("a", "1"), out _));
        Assert.False(cache.TryGet(Key("a", "2"), out _));
    }

    [Fact]
    public void A_disabled_cache_stores_and_counts_nothing()
    {
        var cache = Cache(new ResponseCacheOptions { Enabled = false });
        cache.Set(Key("a", "request"), [1], Model);

        Assert.False(cache.Enabled);
        Assert.False(cache.TryGet(Key("a", "request"), out _));
        Assert.Equal((0, 0L, 0L), (cache.Count, cache.Hits, cache.Misses));
    }

    [Fact]
    public void Parallel_readers_and_writers_never_push_it_past_capacity()
    {
        var cache = Cache(new ResponseCacheOptions { MaxEntries = 50 });
        var keys = Enumerable.Range(0, 200).Select(i => Key($"tenant-{i % 3}", i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        var overCapacity = 0;

        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var key = keys[(i * 7919) % keys.Length];
            if (i % 2 == 0)
            {
                cache.Set(key, [(byte)i], Model);
            }
            else
            {
                cache.TryGet(key, out _);
            }

            if (cache.Count > 50)
            {
                Interlocked.Increment(ref overCapacity);
            }
        });

        Assert.Equal(0, overCapacity);
        Assert.Equal(50, cache.Count);
        Assert.Equal(10_000, cache.Hits + cache.Misses);
        Assert.True(cache.Evictions > 0);
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        var cache = Cache();

        Assert.Throws<ArgumentNullException>(() => cache.Set(Key("a", "request"), null!, Model));
        Assert.Throws<ArgumentNullException>(() => cache.Set(Key("a", "request"), [1], null!));
    }

    private static CacheKey Key(string tenant, string body) => CacheKey.Create(tenant, Encoding.UTF8.GetBytes(body));

    private ResponseCache Cache(ResponseCacheOptions? options = null) => new(Options.Create(options ?? new ResponseCacheOptions()), _time);
}
