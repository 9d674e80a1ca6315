using System.Diagnostics;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Usage;
using OrleansGroq.Grains.Usage;
using OrleansGroq.IntegrationTests.Conversations.Store;
using OrleansGroq.Persistence.PostgreSql.Usage;
using Xunit.Abstractions;

namespace OrleansGroq.IntegrationTests.Usage;

/// <summary>The PostgreSQL ledger answers every report exactly as the in-memory one does for the same rows.</summary>
public sealed class PostgresUsageLedgerTests(MigratedDatabase database, ITestOutputHelper output) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTimeOffset Day = new(2026, 12, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Every_grouping_and_filter_sums_as_the_in_memory_ledger_does()
    {
        var postgres = new PostgresUsageLedger(database.DataSource);
        var memory = new InMemoryUsageLedger(Options.Create(new UsageLedgerOptions()));
        var rows = Rows(3_000).ToList();
        var clock = Stopwatch.StartNew();
        await postgres.AppendAsync(rows, CancellationToken.None);
        output.WriteLine($"{rows.Count} rows in one COPY: {clock.Elapsed.TotalMilliseconds:F0} ms");
        await memory.AppendAsync(rows, CancellationToken.None);

        foreach (var grouping in Enum.GetValues<UsageGrouping>())
        {
            foreach (var (tenant, model) in new[] { ((string?)null, (string?)null), ("tenant-1", null), (null, "model-b"), ("tenant-2", "model-a") })
            {
                var query = new UsageQuery(tenant, model, Day.AddHours(2), Day.AddDays(2).AddMinutes(30), grouping);

                var expected = await memory.AggregateAsync(query, CancellationToken.None);
                var actual = await postgres.AggregateAsync(query, CancellationToken.None);

                Assert.NotEmpty(expected);
                Assert.Equal(expected, actual);
            }
        }
    }

    // Spread over three days, three tenants, two models and keys (one none), with failures, cached tokens and tiny costs.
    private static IEnumerable<UsageEntry> Rows(int count)
    {
        for (var n = 0; n < count; n++)
        {
            var failed = n % 7 == 0;
            yield return new UsageEntry(
                Day.AddMinutes(n * 1.7).AddTicks(n * 13),
                $"req_{n}",
                $"tenant-{n % 3}",
                "groq",
                n % 2 == 0 ? "model-a" : "model-b",
                n % 5 == 0 ? null : $"key-{n % 4}",
                "org_a",
                failed ? 500 : 200,
                failed ? "server_error" : "ok",
                n % 3 == 0,
                failed ? 0 : 100 + n,
                failed ? 0 : n % 11,
                failed ? 0 : 20 + (n % 9),
                12.5 + n,
                n % 3 == 0 ? 4.25 : null,
                failed ? 0 : (100 + n) * 0.05m / 1_000_000m + (20 + (n % 9)) * 0.08m / 1_000_000m);
        }
    }
}
