using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Abstractions.Upstream;
using OrleansGroq.Grains.Quota;
using OrleansGroq.IntegrationTests.Cluster;

namespace OrleansGroq.IntegrationTests.Quota;

/// <summary>
/// Gateway nodes, each a silo of one Orleans cluster with its own slice of the budget, leasing from the account and
/// model's quota grain, on a fake clock, in front of a <see cref="SimulatedGroq"/>. Requests arrive at the offered rate, each
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
    private readonly List<ModelQuota> _nodes = [];
    private readonly PriorityQueue<(int Node, RateLimitSnapshot Headers), DateTimeOffset> _answers = new();
    private readonly Random _random = new(20260301);
    private readonly DateTimeOffset _start;
    private DateTimeOffset _nextArrival;
    private long _arrivals;

    public QuotaClusterSimulation(GrainCluster cluster, int nodes)
    {
        var options = Options.Create(new QuotaOptions());
        options.Value.Accounts[Account] = new Dictionary<string, QuotaLimitOptions> { [Model] = new() { Rpm = Rpm, Tpm = Tpm } };
        for (var i = 0; i < nodes; i++)
        {
            var store = new GrainQuotaLeaseStore(GrainCluster.Grains(cluster.Silos[i % cluster.Silos.Count]));
            _nodes.Add(new ModelQuota(new QuotaKey(Account, Model), store, new QuotaHeadroom(), options, _clock, NullLogger<ModelQuota>.Instance));
        }

        Groq = new SimulatedGroq(Rpm, Tpm, _clock.GetUtcNow());
        _start = _clock.GetUtcNow();
        _nextArrival = _start + TimeSpan.FromMicroseconds(Math.Round(_random.NextDouble() * 1_000_000 / OfferedPerSecond));
    }

    public SimulatedGroq Groq { get; }

    public long Offered { get; private set; }

    public long Refused { get; private set; }

    /// <summary>Calls the nodes made to the quota grain, leases and returns alike.</summary>
    public async Task<long> StatementsAsync() => (await SnapshotsAsync()).Sum(n => n.StoreStatements);

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
                await _nodes[node].SettleAsync(ReservedTokens, UsedTokens);
                await _nodes[node].CalibrateAsync(headers);
            }
        }
    }

    public async Task<ModelQuotaSnapshot[]> SnapshotsAsync() =>
        await Task.WhenAll(_nodes.Select(n => n.GetSnapshotAsync().AsTask()));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.StopAsync();
        }
    }

    private async Task ArriveAsync()
    {
        var now = _clock.GetUtcNow();
        var node = _random.Next(_nodes.Count);
        Offered++;
        var reservation = await _nodes[node].TryReserveAsync(new ReserveRequest(ReservedTokens));
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
            await _nodes[node].ReportRateLimitedAsync(RateLimitKind.TokensPerMinute);
        }

        // One arrival at a random moment of each 1/rate slot: exactly the offered rate, without lockstep.
        _arrivals++;
        var slot = 1_000_000 / OfferedPerSecond;
        _nextArrival = _start + TimeSpan.FromMicroseconds(Math.Round((_arrivals + _random.NextDouble()) * slot));
    }
}
