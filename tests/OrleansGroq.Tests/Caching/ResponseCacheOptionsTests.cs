using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Caching;
using OrleansGroq.Grains.Caching;

namespace OrleansGroq.Tests.Caching;

public sealed class ResponseCacheOptionsTests
{
    [Fact]
    public void The_defaults_follow_the_seed()
    {
        using var services = Services();

        var options = services.GetRequiredService<IOptions<ResponseCacheOptions>>().Value;

        Assert.Equal((true, 500, TimeSpan.FromMinutes(10)), (options.Enabled, options.MaxEntries, options.TimeToLive));
    }

    [Fact]
    public void Settings_bind_from_the_cache_section()
    {
        using var services = Services(("Cache:Enabled", "false"), ("Cache:MaxEntries", "20"), ("Cache:TimeToLive", "00:00:30"));

        var options = services.GetRequiredService<IOptions<ResponseCacheOptions>>().Value;

        Assert.Equal((false, 20, TimeSpan.FromSeconds(30)), (options.Enabled, options.MaxEntries, options.TimeToLive));
        Assert.False(services.GetRequiredService<ResponseCache>().Enabled);
    }

    [Fact]
    public void Bad_settings_stop_the_start_naming_every_one()
    {
        using var services = Services(("Cache:MaxEntries", "0"), ("Cache:TimeToLive", "00:00:00"));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<ResponseCache>());

        Assert.Equal(2, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.StartsWith("Cache:MaxEntries ", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Cache:TimeToLive ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_cache_is_one_singleton()
    {
        using var services = Services();

        Assert.Same(services.GetRequiredService<ResponseCache>(), services.GetRequiredService<ResponseCache>());
    }

    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return new ServiceCollection().AddOrleansGroqResponseCache(configuration).BuildServiceProvider();
    }
}
