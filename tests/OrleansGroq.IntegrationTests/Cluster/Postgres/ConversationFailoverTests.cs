using OrleansGroq.Abstractions.Conversations;
using OrleansGroq.Testing;

namespace OrleansGroq.IntegrationTests.Cluster.Postgres;

/// <summary>
/// A conversation turn whose grain's silo goes away between the turn's beginning and its completion: the grain is
/// activated again on a survivor from the database, and the turn is stored, once, when the caller completes it.
/// </summary>
public sealed class ConversationFailoverTests : IAsyncLifetime
{
    private const string Tenant = "tenant";
    private static readonly NewMessage[] Question = [new("user", """{"role":"user","content":"Still there?"}""", 4)];
    private static readonly TurnReply Answer = new("""{"role":"assistant","content":"Yes."}""", "k1", 0, 2);

    private string _database = null!;
    private GrainCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _database = await PostgresServer.CreateDatabaseAsync();
        _cluster = await GrainCluster.StartAsync(silos: 3, database: _database);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(_database);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_turn_whose_grain_silo_stops_mid_call_is_stored_when_the_caller_completes_it(bool kill)
    {
        var id = "conv_failover_" + (kill ? "killed" : "stopped");
        var created = GrainCluster.Grains(_cluster.Silos[0]).GetGrain<IConversationGrain>(id);
        await created.CreateAsync(new CreateConversation(Tenant, GrainCluster.Model, null, null));
        var hostAddress = await _cluster.HostOfAsync(created);
        var host = _cluster.Silos.Single(silo => silo.SiloAddress.Equals(hostAddress));
        var caller = _cluster.Silos.First(silo => silo != host);
        var conversation = GrainCluster.Grains(caller).GetGrain<IConversationGrain>(id);
        var request = new TurnRequest(Tenant, Question, null, null);
        var start = await conversation.BeginTurnAsync(request, CancellationToken.None);

        await (kill ? _cluster.Cluster.KillSiloAsync(host) : _cluster.Cluster.StopSiloAsync(host));
        var outcome = await conversation.CompleteTurnAsync(start.TurnId!, start.Context!.Version, request, Answer);

        Assert.Equal(TurnStatus.Started, start.Status);
        Assert.Equal(TurnStatus.Completed, outcome.Status);
        var view = await conversation.GetAsync(Tenant);
        Assert.Equal(1, view!.Conversation.Version);
        Assert.Equal(["user", "assistant"], view.Messages.Select(m => m.Role));
        Assert.Equal("k1", view.Conversation.KeyAlias);
        Assert.NotEqual(host.SiloAddress, await _cluster.HostOfAsync(conversation));
    }
}
