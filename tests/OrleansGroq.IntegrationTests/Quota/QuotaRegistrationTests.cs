using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Abstractions.Runtime;
using OrleansGroq.Grains.Quota;
using OrleansGroq.Grains.Runtime;
using OrleansGroq.Persistence.PostgreSql;
using OrleansGroq.Persistence.PostgreSql.Quota;
using OrleansGroq.Testing;

namespace OrleansGroq.IntegrationTests.Quota;

/// <summary>How a host picks its quota store: PostgreSQL with a connection string, whatever the order, else in memory.</summary>
public sealed class QuotaRegistrationTests
{
    [Fact]
    public async Task With_a_connection_string_the_quota_grain_leases_from_PostgreSQL_whatever_the_order()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["ConnectionStrings:Postgres"] = connectionString,
                ["Quota:Accounts:org_a:llama-3.1-8b-instant:Rpm"] = "30",
            };
            using var postgresFirst = Build(settings, (s, c) => s.AddOrleansGroqPostgres(c).AddGrainRuntime(c).AddOrleansGroqQuota(c));
            using var postgresLast = Build(settings, (s, c) => s.AddGrainRuntime(c).AddOrleansGroqQuota(c).AddOrleansGroqPostgres(c));
            await postgresLast.StartAsync();

            var grain = postgresLast.Services.GetRequiredService<IGrainFactory>().GetModelQuotaGrain("org_a", "llama-3.1-8b-instant");
            var reservation = await grain.TryReserveAsync(new ReserveRequest(100));
            var stored = await postgresFirst.Services.GetRequiredService<IQuotaLeaseStore>()
                .ReadAsync(new QuotaKey("org_a", "llama-3.1-8b-instant"), DateTimeOffset.UtcNow, CancellationToken.None);

            Assert.IsType<PostgresQuotaLeaseStore>(postgresFirst.Services.GetRequiredService<IQuotaLeaseStore>());
            Assert.IsType<PostgresQuotaLeaseStore>(postgresLast.Services.GetRequiredService<IQuotaLeaseStore>());
            Assert.True(reservation.Granted);
            Assert.Equal(new QuotaLimits(30, 0, 0, 0), stored!.Limits);
            Assert.InRange(stored.Available.Rpm, 20, 29);
            await postgresLast.StopAsync();
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public void Without_a_connection_string_the_store_is_in_memory()
    {
        var settings = new Dictionary<string, string?>();
        using var host = Build(settings, (s, c) => s.AddGrainRuntime(c).AddOrleansGroqQuota(c).AddOrleansGroqPostgres(c));

        Assert.IsType<InMemoryQuotaLeaseStore>(host.Services.GetRequiredService<IQuotaLeaseStore>());
    }

    private static IHost Build(Dictionary<string, string?> settings, Action<IServiceCollection, IConfiguration> configure)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        configure(builder.Services, builder.Configuration);
        return builder.Build();
    }
}
