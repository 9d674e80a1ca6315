using Orleans.Configuration;
using Orleans.Dashboard;
using OrleansGroq.Abstractions.Batches;
using OrleansGroq.Grains.Storage;
using OrleansGroq.Persistence.PostgreSql;
using OrleansGroq.Persistence.PostgreSql.Cluster;
using OrleansGroq.Silo.Telemetry;

namespace OrleansGroq.Silo.Cluster;

/// <summary>
/// Makes this process a silo. Without a connection string it is a cluster of one on loopback, with grain state in
/// memory: nothing to install. With <c>ConnectionStrings:Postgres</c>, silos find each other and keep grain state in
/// that database, through Orleans' ADO.NET providers and the project's own queries (created by its migrations). In a
/// Kubernetes pod the silo also takes its name and address from the pod (<see cref="SiloHostOptions.KubernetesHosting"/>).
/// </summary>
internal static class SiloConfiguration
{
    // Orleans' defaults declare a killed silo dead after 8–14 s; with these it took 0.8–1 s on loopback, and a grain
    // it held was active again on a survivor within a second. One vote suffices: every silo probes every other.
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);
    private const int MissedProbesLimit = 2;
    private const int VotesForDeath = 1;
    private static readonly TimeSpan TableRefreshTimeout = TimeSpan.FromSeconds(2);

    // A grain call in flight to a silo that dies ends with SiloUnavailableException once the membership declares the
    // silo dead (0.15 s after an in-process kill), but in one run of InFlightCallTests only at the messaging response
    // timeout; the gateway answers both 503 with retry-after. No grain call makes an LLM call (a conversation's turn
    // waits in its queue under a ResponseTimeout of its own), so every call is short and the wait for a lost answer
    // is cut from Orleans' 30 s to 10 s.
    private static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(10);

    // Rows of dead silos go after an hour, so that restarts do not pile them up in the membership table.
    private static readonly TimeSpan DefunctSiloExpiration = TimeSpan.FromHours(1);

    public static void Configure(ISiloBuilder silo, IConfiguration configuration)
    {
        var options = configuration.GetSection(SiloHostOptions.SectionName).Get<SiloHostOptions>() ?? new SiloHostOptions();
        var connectionString = configuration.GetConnectionString(PostgreSqlServiceCollectionExtensions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (options.KubernetesHosting == true)
            {
                throw new InvalidOperationException(
                    $"{SiloHostOptions.SectionName}:KubernetesHosting is true but ConnectionStrings:{PostgreSqlServiceCollectionExtensions.ConnectionStringName} is not set: silos in Kubernetes find each other through the database.");
            }

            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
            silo.AddMemoryGrainStorage(GrainStorage.Name);
            silo.UseInMemoryReminderService();
            NameSilo(silo, options);
        }
        else
        {
            silo.Configure<ClusterOptions>(cluster => (cluster.ClusterId, cluster.ServiceId) = (options.ClusterId, options.ServiceId));
            silo.UseOrleansGroqPostgres(connectionString, GrainStorage.Name);
            if (options.RunsInKubernetes(configuration))
            {
                UseKubernetesPod(silo, options);
            }
            else
            {
                silo.ConfigureEndpoints(options.AdvertisedAddress(), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
                NameSilo(silo, options);
            }
        }

        silo.Configure<ClusterMembershipOptions>(membership =>
        {
            membership.ProbeTimeout = ProbeTimeout;
            membership.NumMissedProbesLimit = MissedProbesLimit;
            membership.NumVotesForDeathDeclaration = VotesForDeath;
            membership.TableRefreshTimeout = TableRefreshTimeout;
            membership.DefunctSiloExpiration = DefunctSiloExpiration;
        });
        silo.Configure<SiloMessagingOptions>(messaging => messaging.ResponseTimeout = ResponseTimeout);

        // A batch's reminder may tick faster than Orleans' one-minute floor when Batches:ReminderPeriod asks for it
        // (tests of a silo's death, a small deployment that wants a dead batch back sooner).
        var reminderPeriod = configuration.GetSection(BatchesOptions.SectionName).Get<BatchesOptions>()?.ReminderPeriod;
        silo.Configure<ReminderOptions>(reminders =>
        {
            if (reminderPeriod is { } period && period < reminders.MinimumReminderPeriod)
            {
                reminders.MinimumReminderPeriod = period;
            }
        });

        // Grain calls join the request's trace; a span is made only while a tracer listens.
        silo.AddOutgoingGrainCallFilter<GrainCallSpans>();

        // Orleans:GrainCollection:CollectionAge and :CollectionQuantum: how long an idle grain stays in memory.
        silo.Configure<GrainCollectionOptions>(configuration.GetSection(SiloHostOptions.SectionName).GetSection("GrainCollection"));
        silo.AddDashboard();
    }

    private static void NameSilo(ISiloBuilder silo, SiloHostOptions options) =>
        silo.Configure<SiloOptions>(siloOptions => siloOptions.SiloName = options.SiloName ?? $"{Environment.MachineName}-{options.SiloPort}");

    // The package names the silo after its pod and advertises the pod's IP (it refuses to start with another silo
    // name), and listens on every address; only an address set explicitly overrides the pod's.
    private static void UseKubernetesPod(ISiloBuilder silo, SiloHostOptions options)
    {
        silo.Configure<EndpointOptions>(endpoints =>
        {
            (endpoints.SiloPort, endpoints.GatewayPort) = (options.SiloPort, options.GatewayPort);
            if (options.AdvertisedIPAddress is { Length: > 0 })
            {
                endpoints.AdvertisedIPAddress = options.AdvertisedAddress();
            }
        });
        silo.UseKubernetesHosting();
    }
}
