using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Grains.Quota;

namespace OrleansGroq.Tests.Quota;

/// <summary>One silo's slice of an account and model's budget on a fake clock, over a recording in-memory store.</summary>
internal sealed class QuotaTestHost : IAsyncDisposable
{
    public const string Account = "org_a";
    public const string Model = "llama-3.1-8b-instant";

    private QuotaTestHost(IOptions<QuotaOptions> options, FakeTimeProvider clock)
    {
        Options = options;
        Clock = clock;
        Quota = new ModelQuota(Key, Store, Headroom, options, clock, NullLogger<ModelQuota>.Instance);
    }

    public IOptions<QuotaOptions> Options { get; }

    public FakeTimeProvider Clock { get; }

    public RecordingQuotaLeaseStore Store { get; } = new();

    public QuotaHeadroom Headroom { get; } = new();

    public ModelQuota Quota { get; }

    public static QuotaKey Key => new(Account, Model);

    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>
    /// A host whose account and model have the given limits; other settings are <c>Quota:</c> keys, bound and validated
    /// as the silo does. The safety margin is off unless a test sets it, so that budgets come out in round numbers.
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

        var options = new QuotaOptions();
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(QuotaOptions.SectionName).Bind(options);
        var validation = new QuotaOptionsValidator().Validate(null, options);
        Assert.False(validation.Failed, validation.FailureMessage);
        return new QuotaTestHost(Microsoft.Extensions.Options.Options.Create(options), new FakeTimeProvider());
    }

    /// <summary>This silo's holder of slices, over the same store, options and clock (and apart from <see cref="Quota"/>).</summary>
    public ModelQuotas CreateQuotas() => new(Store, Headroom, Options, Clock, NullLogger<ModelQuota>.Instance);

    public ValueTask<Reservation> ReserveAsync(long tokens = 0, QuotaPriority priority = QuotaPriority.Interactive) =>
        Quota.TryReserveAsync(new ReserveRequest(tokens, priority));

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

    /// <summary>Stops the slice as a stopping silo does: its idle timer ends and what it holds goes back.</summary>
    public async ValueTask DisposeAsync() => await Quota.StopAsync();
}
