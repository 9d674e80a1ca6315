using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Abstractions.Statistics;
using OrleansGroq.Grains.Statistics;

namespace OrleansGroq.Tests.Statistics;

public sealed class ModelStatisticsTests
{
    private const string Model = "llama-3.1-8b-instant";
    private const string Other = "llama-3.3-70b-versatile";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 7, 0, 0, TimeSpan.Zero));
    private readonly ModelStatistics _statistics;

    public ModelStatisticsTests() =>
        _statistics = new ModelStatistics(Options.Create(new ModelStatisticsOptions()), _time);

    [Fact]
    public void Percentiles_error_rate_and_speed_come_from_the_attempts_in_the_window()
    {
        for (var ms = 1; ms <= 100; ms++)
        {
            _statistics.Record(Ok(Model, ms * 10, ttftMs: ms, tokens: 50));
        }

        _statistics.Record(Failed(Model, 5));
        _statistics.Record(Failed(Model, 5));

        var view = Assert.Single(_statistics.Read());
        Assert.Equal((Model, 102L, 2L, 100L), (view.Model, view.Requests, view.Errors, view.LatencySamples));
        Assert.Equal(2.0 / 102, view.ErrorRate, 6);
        AssertNear(500, view.LatencyP50Ms);
        AssertNear(950, view.LatencyP95Ms);
        AssertNear(50, view.TimeToFirstTokenP50Ms);
        AssertNear(95, view.TimeToFirstTokenP95Ms);

        // 5000 tokens over 1 + 2 + ... + 100 tenths of a second = 50.5 s.
        Assert.Equal(99.0, view.OutputTokensPerSecond);
    }

    [Fact]
    public void A_percentile_is_within_two_and_a_half_percent_of_the_value_measured()
    {
        foreach (var ms in new[] { 0.05, 0.7, 3.3, 105.2, 180.1, 4_321.0, 59_000.0 })
        {
            var statistics = new ModelStatistics(Options.Create(new ModelStatisticsOptions()), _time);
            statistics.Record(Ok(Model, ms));

            var p50 = Assert.Single(statistics.Read()).LatencyP50Ms!.Value;

            Assert.InRange(p50, Math.Round(ms * 0.975, 1) - 0.05, Math.Round(ms * 1.025, 1) + 0.05);
        }
    }

    [Fact]
    public void Failed_attempts_count_as_errors_but_are_not_timed()
    {
        _statistics.Record(Failed(Model, 3));

        var view = Assert.Single(_statistics.Read());
        Assert.Equal((1L, 1L, 1.0), (view.Requests, view.Errors, view.ErrorRate));
        Assert.Equal((null, null, null, null, null), (view.LatencyP50Ms, view.LatencyP95Ms, view.TimeToFirstTokenP50Ms, view.TimeToFirstTokenP95Ms, view.OutputTokensPerSecond));
    }

    [Fact]
    public void Attempts_leave_the_window_a_bucket_at_a_time()
    {
        _statistics.Record(Ok(Model, 100));
        _time.Advance(TimeSpan.FromMinutes(2));
        _statistics.Record(Ok(Model, 300));
        _statistics.Record(Ok(Other, 50));

        _time.Advance(TimeSpan.FromSeconds(170));
        var both = _statistics.Read().Single(v => v.Model == Model);
        Assert.Equal(2, both.Requests);

        _time.Advance(TimeSpan.FromSeconds(10));
        var later = _statistics.Read().Single(v => v.Model == Model);
        Assert.Equal(1, later.Requests);
        AssertNear(300, later.LatencyP50Ms);

        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Empty(_statistics.Read());
    }

    [Fact]
    public void A_window_idle_for_longer_than_itself_starts_empty()
    {
        _statistics.Record(Ok(Model, 100));
        _time.Advance(TimeSpan.FromHours(3));
        _statistics.Record(Ok(Model, 700));

        var view = Assert.Single(_statistics.Read());
        Assert.Equal(1, view.Requests);
        AssertNear(700, view.LatencyP95Ms);
    }

    [Fact]
    public void Models_are_listed_by_id()
    {
        _statistics.Record(Ok(Other, 10));
        _statistics.Record(Ok(Model, 10));

        Assert.Equal([Model, Other], _statistics.Read().Select(v => v.Model));
    }

    [Fact]
    public void The_router_reads_a_snapshot_at_most_a_second_old()
    {
        IModelLatency latency = _statistics;
        Assert.False(latency.TryGetLatency(Model, out _));

        _statistics.Record(Ok(Model, 100));
        Assert.False(latency.TryGetLatency(Model, out _));

        _time.Advance(ModelStatistics.RefreshInterval);
        Assert.True(latency.TryGetLatency(Model, out var measured));
        Assert.Equal(1, measured.Samples);
        AssertNear(100, measured.P50Ms);
    }

    [Fact]
    public void A_model_with_only_failures_has_no_latency_for_the_router()
    {
        IModelLatency latency = _statistics;
        _statistics.Record(Failed(Model, 1));
        _time.Advance(ModelStatistics.RefreshInterval);

        Assert.False(latency.TryGetLatency(Model, out _));
    }

    private static AttemptSample Ok(string model, double ms, double? ttftMs = null, long? tokens = null) =>
        new(model, true, TimeSpan.FromMilliseconds(ms), ttftMs is { } t ? TimeSpan.FromMilliseconds(t) : null, tokens);

    private static AttemptSample Failed(string model, double ms) => new(model, false, TimeSpan.FromMilliseconds(ms), null, null);

    private static void AssertNear(double expected, double? actual) =>
        Assert.InRange(actual!.Value, expected * 0.975 - 0.05, expected * 1.025 + 0.05);
}
