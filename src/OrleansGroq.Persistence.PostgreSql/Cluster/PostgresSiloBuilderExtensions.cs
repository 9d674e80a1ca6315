using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Storage;

namespace OrleansGroq.Persistence.PostgreSql.Cluster;

/// <summary>Orleans on PostgreSQL: membership, reminders and grain storage through the ADO.NET providers, invariant <c>Npgsql</c>.</summary>
public static class PostgresSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant name Orleans knows Npgsql by.</summary>
    internal const string Invariant = "Npgsql";

    /// <summary>
    /// Uses <paramref name="connectionString"/>'s database for cluster membership, for reminders and as the grain storage
    /// named <paramref name="storageName"/>, on the tables and statements of migrations 5 and 10
    /// (Migrations/M0005OrleansTables, M0010OrleansReminders).
    /// </summary>
    /// <remarks>
    /// <para>
    /// The providers read their statements from the <c>OrleansQuery</c> table when the silo starts, so the migrations
    /// must have run: in the gateway's host they run in <c>IHostedLifecycleService.StartingAsync</c>, which the host
    /// awaits before it starts the silo. Membership timings, the expiry of dead silos' rows among them, are the
    /// caller's (<see cref="Orleans.Configuration.ClusterMembershipOptions"/>).
    /// </para>
    /// <para>
    /// A grain's state is keyed by <see cref="Orleans.Configuration.ClusterOptions.ServiceId"/>, the state name and
    /// the whole grain id, grain type included (<see cref="GrainTypeScopedStorage"/>), and written with
    /// System.Text.Json (<see cref="SystemTextJsonGrainStorageSerializer"/>): public properties and fields by name,
    /// no type names, null members left out. So renaming a state's property loses its stored value unless it keeps
    /// its JSON name (<c>[JsonPropertyName]</c>); renaming a grain class loses its state unless it keeps its grain
    /// type (<c>[GrainType]</c>). A write or clear with a stale etag raises <c>InconsistentStateException</c>.
    /// </para>
    /// </remarks>
    public static ISiloBuilder UseOrleansGroqPostgres(this ISiloBuilder silo, string connectionString, string storageName)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(storageName);
        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
        silo.AddAdoNetGrainStorage(storageName, options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });

        // The provider's options take the serializer registered under the storage's name over the default one, which
        // is Newtonsoft.Json with "$type" and "$id" in every document.
        silo.Services.AddKeyedSingleton<IGrainStorageSerializer, SystemTextJsonGrainStorageSerializer>(storageName);

        // The last keyed registration is the one resolved, also by the lifecycle participant the provider registered
        // (it resolves the keyed storage and casts it), so the wrapper stands in for the provider everywhere.
        silo.Services.AddKeyedSingleton<IGrainStorage>(
            storageName, (services, _) => new GrainTypeScopedStorage(AdoNetGrainStorageFactory.Create(services, storageName)));
        return silo;
    }
}
