using Orleans.Hosting;

namespace OrleansGroq.Persistence.PostgreSql.Cluster;

/// <summary>Orleans on PostgreSQL: membership and grain storage through the ADO.NET providers, invariant <c>Npgsql</c>.</summary>
public static class PostgresSiloBuilderExtensions
{
    private const string Invariant = "Npgsql";

    /// <summary>
    /// Uses <paramref name="connectionString"/>'s database for cluster membership and as the grain storage named
    /// <paramref name="storageName"/>. The providers read their queries from the <c>OrleansQuery</c> table, which the
    /// project's migrations create.
    /// </summary>
    public static ISiloBuilder UseOrleansGroqPostgres(this ISiloBuilder silo, string connectionString, string storageName)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
        silo.AddAdoNetGrainStorage(storageName, options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
        return silo;
    }
}
