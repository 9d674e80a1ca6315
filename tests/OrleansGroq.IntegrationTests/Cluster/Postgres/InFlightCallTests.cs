using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using OrleansGroq.IntegrationTests.Cluster.Grains;
using OrleansGroq.Testing;
using Xunit.Abstractions;

namespace OrleansGroq.IntegrationTests.Cluster.Postgres;

/// <summary>
/// A grain call in flight when the silo holding the grain dies ends with an error as soon as the membership declares
/// the silo dead, not after the messaging response timeout: the gateway answers such a request 503 (see the error
/// pipeline's tests), it does not hang.
/// </summary>
public sealed class InFlightCallTests(ITestOutputHelper output) : IAsyncLifetime
{
    private string _database = null!;
    private GrainCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _database = await PostgresServer.CreateDatabaseAsync();
        _cluster = await GrainCluster.StartAsync(silos: 3, keys: 1, database: _database, configure: builder => builder.AddSiloBuilderConfigurator<FastFailureDetection>());
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(_database);
    }

    [Fact]
    public async Task A_call_in_flight_to_a_killed_silo_fails_with_silo_unavailable_once_the_silo_is_declared_dead()
    {
        var (caller, victim) = (_cluster.Silos[0], _cluster.Silos[1]);
        await GrainCluster.Grains(victim).GetGrain<IStallingGrain>("stalled").ActivateAsync();
        var call = GrainCluster.Grains(caller).GetGrain<IStallingGrain>("stalled").StallAsync();
        var responseTimeout = GrainCluster.Services(caller).GetRequiredService<IOptions<SiloMessagingOptions>>().Value.ResponseTimeout;

        var clock = Stopwatch.StartNew();
        await _cluster.Cluster.KillSiloAsync(victim);
        var failure = await Record.ExceptionAsync(() => call.WaitAsync(responseTimeout));

        output.WriteLine($"the call in flight failed {clock.Elapsed.TotalMilliseconds:F0} ms after the kill ({failure?.GetType().Name}); the response timeout is {responseTimeout.TotalSeconds:F0} s.");
        Assert.IsType<SiloUnavailableException>(failure);
        Assert.Equal(SiloStatus.Dead, GrainCluster.Services(caller).GetRequiredService<IClusterMembershipService>().CurrentSnapshot.GetSiloStatus(victim.SiloAddress));
    }
}
