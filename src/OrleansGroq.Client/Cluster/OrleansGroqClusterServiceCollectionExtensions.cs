using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;

namespace OrleansGroq.Client;

/// <summary>Registers the gateway's clients backed by grain calls instead of HTTP.</summary>
public static class OrleansGroqClusterServiceCollectionExtensions
{
    // The ADO.NET invariant Orleans knows Npgsql by, as the silos configure it.
    private const string Invariant = "Npgsql";

    // A silo's restart on the same address is seen within this, rather than Orleans' default minute.
    private static readonly TimeSpan GatewayListRefreshPeriod = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Joins the cluster described by <paramref name="configure"/> as an Orleans client (started with the host), and
    /// registers <see cref="IChatClient"/> and <see cref="IConversationClient"/> as <c>AddOrleansGroqChatClient</c>
    /// does, their requests run by the silos' pipeline through grain calls (<see cref="OrleansGroqClusterHandler"/>).
    /// </summary>
    /// <returns>The chat client's builder, to add middleware: <c>.UseFunctionInvocation()</c>, <c>.UseOpenTelemetry()</c>, ...</returns>
    /// <exception cref="ArgumentException">A setting is missing or out of range; the message names it.</exception>
    public static ChatClientBuilder AddOrleansGroqClusterClient(this IServiceCollection services, Action<OrleansGroqClusterClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new OrleansGroqClusterClientOptions();
        configure(options);
        Validate(options);

        services.AddOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(cluster => (cluster.ClusterId, cluster.ServiceId) = (options.ClusterId, options.ServiceId));
            client.UseAdoNetClustering(clustering =>
            {
                clustering.Invariant = Invariant;
                clustering.ConnectionString = options.ConnectionString;
            });
            client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = options.ResponseTimeout);
            client.Configure<GatewayOptions>(gateways => gateways.GatewayListRefreshPeriod = GatewayListRefreshPeriod);
        });
        return services.AddOrleansGroqClients(
            client => (client.Endpoint, client.ApiKey, client.DefaultModel, client.Timeout) =
                (OrleansGroqClusterHandler.BaseAddress, options.ApiKey, options.DefaultModel, options.Timeout),
            static (provider, client) => new HttpClient(new OrleansGroqClusterHandler(provider.GetRequiredService<IClusterClient>()))
            {
                BaseAddress = client.Endpoint,
                Timeout = client.Timeout,
            });
    }

    private static void Validate(OrleansGroqClusterClientOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new ArgumentException($"{nameof(OrleansGroqClusterClientOptions.ConnectionString)} must name the cluster's PostgreSQL database.", nameof(options));
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId) || string.IsNullOrWhiteSpace(options.ServiceId))
        {
            throw new ArgumentException($"{nameof(OrleansGroqClusterClientOptions.ClusterId)} and {nameof(OrleansGroqClusterClientOptions.ServiceId)} must be the silos' own.", nameof(options));
        }

        if (options.ResponseTimeout <= TimeSpan.FromSeconds(5))
        {
            throw new ArgumentException($"{nameof(OrleansGroqClusterClientOptions.ResponseTimeout)} must be longer than 5 s, the silos' heartbeat to a waiting call.", nameof(options));
        }
    }
}
