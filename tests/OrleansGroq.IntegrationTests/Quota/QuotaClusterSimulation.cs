using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Abstractions.Runtime;
using OrleansGroq.Abstractions.Upstream;
using OrleansGroq.Grains.Quota;
using OrleansGroq.Grains.Runtime;
using OrleansGroq.Persistence.PostgreSql.Quota;

namespace OrleansGroq.IntegrationTests.Quota;

/// <summary>
/// Gateway nodes, each its own service provider and grain runtime with its own data source, sharing one PostgreSQL
/// quota store and a fake clock, in front of a <see cref="SimulatedGroq"/>. Requests arrive at the offered rate, each
/// at a random moment of its slot and on a random node (a fixed seed); an admitted request answers after a fixed latency, then is settled and calibrated from Groq's
/// headers, as the forwarder will do.
/// </summary>
internal sealed class QuotaClusterSimulation : IAsyncDisposable
{
    public const string Account = "org_sim";
    public const string Model = "llama-3.1-8b-instant";
    public const long Rpm = 600;
    public const long Tpm = 60_000;

    // Prompt 60 and max_tokens 60 reserve 120 tokens; 40 completion tokens make 100 counted. At 20 requests a second,
    // that offers twice the RPM and twice the TPM.
    public const long ReservedTokens = 120;
    public const long UsedTokens = 100;
    public const double OfferedPerSecond = 2.0 * Rpm / 60;

    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(500);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly List<(ServiceProvider Services, NpgsqlDataSource DataSource, PostgresQuotaLeaseStore Store, IModelQuotaGrain Grain)> _nodes = [];
    private readonly PriorityQueue<(int Node, RateLimitSnapshot Headers), DateTimeOffset> _answers = new();
    private readonly Random _random = new(20260301);
    private readonly DateTimeOffset _start;
    private DateTimeOffset _nextArrival;
    private long _arrivals;

    public QuotaClusterSimulation(string connectionString, int nodes)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"Quota:Accounts:{Account}:{Model}:Rpm"] = Rpm.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"Quota:Accounts:{Account}:{Model}:Tpm"] = Tpm.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        for (var i = 0; i < nodes; i++)
        {
            var dataSource = NpgsqlDataSource.Create(connectionString);
            var store = new PostgresQuotaLeaseStore(dataSource);
            var services = new ServiceCollection()
                .AddSingleton<TimeProvider>(_clock)
                .AddGrainRuntime(configuration)
                .AddOrleansGroqQuota(configuration)
                .AddSingleton<IQuotaLeaseStore>(store)
                .BuildServiceProvider();
            _nodes.Add((services, dataSource, store, services.GetRequiredService<IGrainFactory>().GetModelQuotaGrain(Account, Model)));
        }

        Groq = new SimulatedGroq(Rpm, Tpm, _clock.GetUtcNow());
        _start = _clock.GetUtcNow();
        _nextArrival = _start + TimeSpan.FromMicroseconds(Math.Round(_random.NextDouble() * 1_000_000 / OfferedPerSecond));
    }

    public SimulatedGroq Groq { get; }

    public long Offered { get; private set; }

    public long Refused { get; private set; }

    public long Statements => _nodes.Sum(n => n.Store.Statements);

    /// <summary>Offers traffic for <paramref name="duration"/> and returns what Groq could have served in it: the level at the start plus the refill.</summary>
    public async Task<(double Requests, double Tokens)> RunAsync(TimeSpan duration)
    {
        var (requests, tokens) = Groq.Levels(_clock.GetUtcNow());
        var end = _clock.GetUtcNow() + duration;
        while (true)
        {
            var next = _answers.TryPeek(out _, out var answerAt) && answerAt < _nextArrival ? answerAt : _nextArrival;
            if (next >= end)
            {
                _clock.Advance(end - _clock.GetUtcNow());
                return (requests + (duration.TotalSeconds * Rpm / 60), tokens + (duration.TotalSeconds * Tpm / 60));
            }

            _clock.Advance(next - _clock.GetUtcNow());
            if (next == _nextArrival)
            {
                await ArriveAsync();
            }
            else
            {
                var (node, headers) = _answers.Dequeue();
                await _nodes[node].Grain.SettleAsync(ReservedTokens, UsedTokens);
                await _nodes[node].Grain.CalibrateAsync(headers);
            }
        }
    }

    public async Task<ModelQuotaSnapshot[]> SnapshotsAsync() =>
        await Task.WhenAll(_nodes.Select(n => n.Grain.GetSnapshotAsync().AsTask()));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.Services.DisposeAsync();
            await node.DataSource.DisposeAsync();
        }
    }

    private async Task ArriveAsync()
    {
        var now = _clock.GetUtcNow();
        var node = _random.Next(_nodes.Count);
        Offered++;
        var reservation = await _nodes[node].Grain.TryReserveAsync(new ReserveRequest(ReservedTokens));
        if (!reservation.Granted)
        {
            Refused++;
        }
        else if (Groq.TryAdmit(ReservedTokens, UsedTokens, now) is { } headers)
        {
            _answers.Enqueue((node, headers), now + Latency);
        }
        else
        {
            await _nodes[node].Grain.ReportRateLimitedAsync(RateLimitKind.TokensPerMinute);
        }

        // One arrival at a random moment of each 1/rate slot: exactly the offered rate, without lockstep. Whole
        // microseconds, as PostgreSQL keeps time.
        _arrivals++;
        var slot = 1_000_000 / OfferedPerSecond;
        _nextArrival = _start + TimeSpan.FromMicroseconds(Math.Round((_arrivals + _random.NextDouble()) * slot));
    }
}
