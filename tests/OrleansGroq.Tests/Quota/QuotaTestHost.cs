using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Abstractions.Runtime;
using OrleansGroq.Grains.Quota;
using OrleansGroq.Grains.Runtime;
using OrleansGroq.Testing;

namespace OrleansGroq.Tests.Quota;

/// <summary>A grain runtime with the quota grain on a fake clock, over a recording in-memory store.</summary>
internal sealed class QuotaTestHost : IAsyncDisposable
{
    public const string Account = "org_a";
    public const string Model = "llama-3.1-8b-instant";

    private QuotaTestHost(ServiceProvider services, FakeTimeProvider clock)
    {
        Services = services;
        Clock = clock;
        Store = services.GetRequiredService<RecordingQuotaLeaseStore>();
        Runtime = services.GetRequiredService<GrainRuntime>();
    }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Clock { get; }

    public RecordingQuotaLeaseStore Store { get; }

    public GrainRuntime Runtime { get; }

    public IModelQuotaGrain Grain => Runtime.GetModelQuotaGrain(Account, Model);

    public static QuotaKey Key => new(Account, Model);

    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>
    /// A host whose account and model have the given limits; other settings are <c>Quota:</c> keys. The safety margin
    /// is off unless a test sets it, so that budgets come out in round numbers.
    /// </summary>
    public static QuotaTestHost Create(QuotaLimits limits, params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["Quota:SafetyMargin"] = "0",
            [$"Quota:Accounts:{Account}:{Model}:Rpm"] = limits.Rpm.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"Quota:Accounts:{Account}:{Model}:Rpd"] = limits.Rpd.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"Quota:Accounts:{Account}:{Model}:Tpm"] = limits.Tpm.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"Quota:Accounts:{Account}:{Model}:Tpd"] = limits.Tpd.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in settings)
        {
            values[$"Quota:{key}"] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var clock = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddGrainRuntime(configuration);
        services.AddOrleansGroqQuota(configuration);
        services.AddSingleton<RecordingQuotaLeaseStore>();
        services.AddSingleton<IQuotaLeaseStore>(provider => provider.GetRequiredService<RecordingQuotaLeaseStore>());
        return new QuotaTestHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }), clock);
    }

    public ValueTask<Reservation> ReserveAsync(long tokens = 0, QuotaPriority priority = QuotaPriority.Interactive) =>
        Grain.TryReserveAsync(new ReserveRequest(tokens, priority));

    /// <summary>Offers <paramref name="count"/> reservations at <paramref name="perSecond"/>, moving the clock between them.</summary>
    public async Task<List<Reservation>> OfferAsync(int count, double perSecond, long tokens = 0)
    {
        var results = new List<Reservation>(count);
        for (var i = 0; i < count; i++)
        {
            results.Add(await ReserveAsync(tokens));
            Clock.Advance(TimeSpan.FromSeconds(1 / perSecond));
        }

        return results;
    }

    public async Task<QuotaBucketState> SharedAsync() => (await Store.ReadAsync(Key, Now, CancellationToken.None))!;

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
