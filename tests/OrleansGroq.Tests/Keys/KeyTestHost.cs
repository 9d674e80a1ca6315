using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Upstream;
using OrleansGroq.Grains;
using OrleansGroq.Grains.Keys;
using OrleansGroq.Testing;
using OrleansGroq.Tests.Silos;

namespace OrleansGroq.Tests.Keys;

/// <summary>
/// One silo's key services as the silo registers them, on a fake clock, with captured logs, started as a silo starts
/// them (the status board subscribes to every key grain). The key grains and the membership are stand-ins shared by every
/// silo of a test; the key grains tell this silo's board of their changes, as its grain service would.
/// </summary>
internal sealed class KeyTestHost : IAsyncDisposable
{
    private readonly (string Alias, string Account)[] _keys;

    private KeyTestHost(
        ServiceProvider services,
        (string Alias, string Account)[] keys,
        StandInKeyGrains grains,
        StandInMembership membership,
        SiloAddress silo,
        FakeTimeProvider clock,
        CapturingLoggerProvider logs)
    {
        _keys = keys;
        Services = services;
        Grains = grains;
        Membership = membership;
        SiloAddress = silo;
        Clock = clock;
        Logs = logs;
        Pool = services.GetRequiredService<IApiKeyPool>();
        Outcomes = services.GetRequiredService<IApiKeyOutcomes>();
    }

    public ServiceProvider Services { get; }

    public StandInKeyGrains Grains { get; }

    public StandInMembership Membership { get; }

    /// <summary>This silo's address in <see cref="Membership"/>.</summary>
    public SiloAddress SiloAddress { get; }

    public FakeTimeProvider Clock { get; }

    public CapturingLoggerProvider Logs { get; }

    public IApiKeyPool Pool { get; }

    public IApiKeyOutcomes Outcomes { get; }

    public TestSiloLifecycle Lifecycle { get; } = new();

    public DateTimeOffset Now => Clock.GetUtcNow();

    public static string SecretOf(string alias) => $"gsk_TOPSECRET_{alias}_value";

    /// <summary>Starts the first silo of a test, with the given keys and fresh key grains.</summary>
    public static Task<KeyTestHost> StartAsync(params (string Alias, string Account)[] keys)
    {
        var clock = new FakeTimeProvider();
        var membership = new StandInMembership();
        return StartAsync(keys, new StandInKeyGrains(keys.Select(key => new ApiKeyInfo(key.Alias, key.Account)), membership, clock), membership, clock);
    }

    /// <summary>Starts another silo with the same keys, key grains, membership and clock.</summary>
    public Task<KeyTestHost> StartAnotherSiloAsync() => StartAsync(_keys, Grains, Membership, Clock);

    public ValueTask<ApiKeyStatus> ReportAsync(string alias, int status, RateLimitSnapshot? limits = null, UpstreamError? error = null, string? model = null) =>
        Outcomes.ReportAsync(Pool.Keys.Single(key => key.Alias == alias), new UpstreamOutcome(status, limits, error, model));

    public string Select(string affinity) => Pool.Select(affinity).Key?.Alias ?? "none";

    public async ValueTask DisposeAsync()
    {
        await Lifecycle.StopAsync();
        await Services.DisposeAsync();
    }

    private static async Task<KeyTestHost> StartAsync((string Alias, string Account)[] keys, StandInKeyGrains grains, StandInMembership membership, FakeTimeProvider clock)
    {
        var logs = new CapturingLoggerProvider();
        var silo = membership.Join();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(grains.Factory);
        services.AddSingleton<IClusterMembershipService>(membership);
        services.AddSingleton<ILocalSiloDetails>(new StandInSiloDetails(silo));
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddOrleansGroqGrains();
        services.Configure<ApiKeyPoolOptions>(options =>
        {
            foreach (var (alias, account) in keys)
            {
                options.Keys.Add(new ApiKeyOptions { Alias = alias, Account = account, Secret = SecretOf(alias) });
            }
        });
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        var host = new KeyTestHost(provider, keys, grains, membership, silo, clock, logs);
        grains.AddBoard(silo, provider.GetRequiredService<ApiKeyStatusBoard>());
        foreach (var participant in provider.GetServices<ILifecycleParticipant<ISiloLifecycle>>())
        {
            participant.Participate(host.Lifecycle);
        }

        await host.Lifecycle.StartAsync();
        return host;
    }
}
