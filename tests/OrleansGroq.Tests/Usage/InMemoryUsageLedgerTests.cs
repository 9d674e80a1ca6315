using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Usage;
using OrleansGroq.Grains.Usage;
using static OrleansGroq.Tests.Usage.UsageRows;

namespace OrleansGroq.Tests.Usage;

public sealed class InMemoryUsageLedgerTests
{
    private static readonly DateTimeOffset Day = new(2026, 12, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Rows_are_summed_per_group_in_ordinal_order()
    {
        var ledger = Ledger();
        await ledger.AppendAsync(
            [
                Row(1, model: "b", prompt: 100, cached: 20, completion: 50, cost: 0.25m),
                Row(2, model: "b", outcome: "rate_limited", prompt: 0, completion: 0, cost: 0),
                Row(3, model: "B", prompt: 7, completion: 3, cost: 0.5m),
                Row(4, model: "a", prompt: 1, completion: 1, cost: 0.125m),
            ],
            CancellationToken.None);

        var totals = await ledger.AggregateAsync(Query(UsageGrouping.Model), CancellationToken.None);

        Assert.Equal(
            [
                new UsageTotals("B", 1, 0, 7, 0, 3, 0.5m),
                new UsageTotals("a", 1, 0, 1, 0, 1, 0.125m),
                new UsageTotals("b", 2, 1, 100, 20, 50, 0.25m),
            ],
            totals);
    }

    [Fact]
    public async Task Filters_and_the_span_select_rows_from_inclusive_to_exclusive()
    {
        var ledger = Ledger();
        await ledger.AppendAsync(
            [
                Row(1, at: Day.AddHours(-1)),
                Row(2, at: Day),
                Row(3, at: Day.AddHours(8).AddTicks(-1)),
                Row(4, at: Day.AddHours(8)),
                Row(5, at: Day, tenant: "other"),
                Row(6, at: Day, model: "other"),
            ],
            CancellationToken.None);

        var totals = await ledger.AggregateAsync(
            new UsageQuery("acme", "llama-3.1-8b-instant", Day, Day.AddHours(8), UsageGrouping.Tenant), CancellationToken.None);

        Assert.Equal(("acme", 2L), (Assert.Single(totals).Group, totals[0].Requests));
    }

    [Fact]
    public async Task Hours_days_and_keys_are_named_as_postgres_names_them()
    {
        var ledger = Ledger();
        await ledger.AppendAsync(
            [Row(1, at: Day.AddHours(7).AddMinutes(59)), Row(2, at: Day.AddHours(8).AddSeconds(1), key: null), Row(3, at: Day.AddDays(1).AddHours(3))],
            CancellationToken.None);

        var hours = await ledger.AggregateAsync(Query(UsageGrouping.Hour, days: 2), CancellationToken.None);
        var days = await ledger.AggregateAsync(Query(UsageGrouping.Day, days: 2), CancellationToken.None);
        var keys = await ledger.AggregateAsync(Query(UsageGrouping.Key, days: 2), CancellationToken.None);

        Assert.Equal(["2026-12-02T07:00:00Z", "2026-12-02T08:00:00Z", "2026-12-03T03:00:00Z"], hours.Select(t => t.Group));
        Assert.Equal([("2026-12-02T00:00:00Z", 2L), ("2026-12-03T00:00:00Z", 1L)], days.Select(t => (t.Group, t.Requests)));
        Assert.Equal([(UsageTotals.NoKey, 1L), ("k1", 2L)], keys.Select(t => (t.Group, t.Requests)));
    }

    [Fact]
    public async Task Past_its_capacity_the_oldest_rows_go_first()
    {
        var ledger = new InMemoryUsageLedger(Options.Create(new UsageLedgerOptions { InMemoryCapacity = 3 }));
        await ledger.AppendAsync([Row(1, at: Day.AddHours(1)), Row(2, at: Day.AddHours(2))], CancellationToken.None);
        await ledger.AppendAsync([Row(3, at: Day.AddHours(3)), Row(4, at: Day.AddHours(4))], CancellationToken.None);

        var hours = await ledger.AggregateAsync(Query(UsageGrouping.Hour), CancellationToken.None);

        Assert.Equal(["2026-12-02T02:00:00Z", "2026-12-02T03:00:00Z", "2026-12-02T04:00:00Z"], hours.Select(t => t.Group));
    }

    private static InMemoryUsageLedger Ledger() => new(Options.Create(new UsageLedgerOptions()));

    private static UsageQuery Query(UsageGrouping grouping, int days = 1) => new(null, null, Day, Day.AddDays(days), grouping);
}
