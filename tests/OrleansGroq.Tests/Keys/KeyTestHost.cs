using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Runtime;
using OrleansGroq.Abstractions.Upstream;
using OrleansGroq.Grains;
using OrleansGroq.Grains.Runtime;
using OrleansGroq.Testing;

namespace OrleansGroq.Tests.Keys;

/// <summary>The gateway's grain services as the silo registers them, on a fake clock, with captured logs.</summary>
internal sealed class KeyTestHost : IAsyncDisposable
{
    private KeyTestHost(ServiceProvider services, FakeTimeProvider clock, CapturingLoggerProvider logs)
    {
        Services = services;
        Clock = clock;
        Logs = logs;
        Pool = services.GetRequiredService<IApiKeyPool>();
        Grains = services.GetRequiredService<IGrainFactory>();
        Runtime = services.GetRequiredService<GrainRuntime>();
    }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Clock { get; }

    public CapturingLoggerProvider Logs { get; }

    public IApiKeyPool Pool { get; }

    public IGrainFactory Grains { get; }

    public GrainRuntime Runtime { get; }

    public DateTimeOffset Now => Clock.GetUtcNow();

    public static string SecretOf(string alias) => $"gsk_TOPSECRET_{alias}_value";

    public static KeyTestHost Create(params (string Alias, string Account)[] keys) => Create(null, keys);

    /// <param name="sync">Replaces the single-node key state sync, so a test can see what the grains publish.</param>
    /// <param name="keys">The configured keys.</param>
    public static KeyTestHost Create(IApiKeyStateSync? sync, params (string Alias, string Account)[] keys)
    {
        var clock = new FakeTimeProvider();
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        if (sync is not null)
        {
            services.AddSingleton(sync);
        }

        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddOrleansGroqGrains();
        services.Configure<ApiKeyPoolOptions>(options =>
        {
            foreach (var (alias, account) in keys)
            {
                options.Keys.Add(new ApiKeyOptions { Alias = alias, Account = account, Secret = SecretOf(alias) });
            }
        });
        return new KeyTestHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }), clock, logs);
    }

    public IApiKeyGrain Key(string alias) => Grains.GetGrain<IApiKeyGrain>(alias);

    public ValueTask<ApiKeyStatus> ReportAsync(string alias, int status, RateLimitSnapshot? limits = null, UpstreamError? error = null) =>
        Key(alias).ReportOutcomeAsync(new UpstreamOutcome(status, limits, error));

    public string Select(string affinity) => Pool.Select(affinity).Key?.Alias ?? "none";

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
