using OrleansGroq.IntegrationTests.Infrastructure;
using OrleansGroq.Testing;
using static OrleansGroq.IntegrationTests.Usage.UsageWorkload;

namespace OrleansGroq.IntegrationTests.Usage;

/// <summary>The usage ledger against the emulator's own counts, with PostgreSQL and in memory.</summary>
public sealed class UsageLedgerEndToEndTests
{
    [Fact]
    public async Task With_postgres_usage_rows_match_the_emulators_counts_exactly()
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        try
        {
            await using var upstream = await TestUpstream.StartAsync([A, B], Settings(database));
            await RunAndCompareAsync(upstream);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task In_memory_usage_rows_match_the_emulators_counts_exactly()
    {
        await using var upstream = await TestUpstream.StartAsync([A, B], Settings());
        await RunAndCompareAsync(upstream);
    }
}
