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
/// A grain call in flight when the silo holding the grain dies does not hang: Orleans fails it with
/// <see cref="SiloUnavailableException"/> once the membership declares the silo dead, or, when it sent the call again to
/// a new activation on a survivor (which here never answers either), with a <see cref="TimeoutException"/> at the
/// messaging response timeout. The gateway answers either with a 503 (see the error pipeline's tests).
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
    public async Task A_call_in_flight_to_a_killed_silo_ends_with_an_orleans_error_by_the_response_timeout()
    {
        var (caller, victim) = (_cluster.Silos[0], _cluster.Silos[1]);
        await GrainCluster.Grains(victim).GetGrain<IStallingGrain>("stalled").ActivateAsync();
        var call = GrainCluster.Grains(caller).GetGrain<IStallingGrain>("stalled").StallAsync();
        var responseTimeout = GrainCluster.Services(caller).GetRequiredService<IOptions<SiloMessagingOptions>>().Value.ResponseTimeout;

        var clock = Stopwatch.StartNew();
        await _cluster.Cluster.KillSiloAsync(victim);
        var failure = await Record.ExceptionAsync(() => call.WaitAsync(responseTimeout * 2));

        var newHost = await _cluster.HostOfAsync(GrainCluster.Grains(caller).GetGrain<IStallingGrain>("stalled"));
        output.WriteLine($"the call in flight failed {clock.Elapsed.TotalMilliseconds:F0} ms after the kill ({failure?.GetType().Name}); the response timeout is " +
            $"{responseTimeout.TotalSeconds:F0} s; the grain is active again on {newHost?.ToString() ?? "no silo"}.");
        Assert.True(
            failure is SiloUnavailableException || failure is TimeoutException && failure.Message.StartsWith("Response did not arrive on time", StringComparison.Ordinal),
            $"The call ended with {failure?.GetType().Name ?? "no error"}: {failure?.Message}");
        Assert.Equal(SiloStatus.Dead, GrainCluster.Services(caller).GetRequiredService<IClusterMembershipService>().CurrentSnapshot.GetSiloStatus(victim.SiloAddress));
    }
}
