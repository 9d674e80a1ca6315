using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansGroq.Abstractions.Conversations;
using OrleansGroq.Grains.Conversations;
using OrleansGroq.IntegrationTests.Infrastructure;
using OrleansGroq.Testing;

namespace OrleansGroq.IntegrationTests.Cluster.Postgres;

/// <summary>
/// A conversation turn whose grain's silo goes away between the turn's beginning and its completion: the grain is
/// activated again on a survivor from the database, and the turn is stored, once, when the caller completes it. A silo
/// that leaves gracefully hands its conversations over first: each ends its turns where they began, then moves. An
/// activation that another activation of its conversation wrote past (a duplicate Orleans' directory placed while silos
/// joined) refuses that turn and leaves, so that the next turn is stored.
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

    [Fact]
    public async Task An_activation_another_activation_wrote_past_refuses_its_turn_and_leaves_so_that_the_next_turn_is_stored()
    {
        const string id = "conv_failover_duplicate";
        var conversation = GrainCluster.Grains(_cluster.Silos[0]).GetGrain<IConversationGrain>(id);
        await conversation.CreateAsync(new CreateConversation(Tenant, GrainCluster.Model, null, null));
        var request = new TurnRequest(Tenant, Question, null, null);
        var start = await conversation.BeginTurnAsync(request, CancellationToken.None);

        // What a duplicate activation on another silo does meanwhile: store a turn of its own at the same version.
        var store = GrainCluster.Services(_cluster.Silos[0]).GetRequiredService<IConversationStore>();
        var now = DateTimeOffset.UtcNow;
        StoredMessage[] duplicateTurn =
        [
            new(1, "user", """{"role":"user","content":"Through the duplicate"}""", 4, now),
            new(2, "assistant", """{"role":"assistant","content":"Stored there."}""", 3, now),
        ];
        Assert.Equal(AppendStatus.Appended, await store.AppendAsync(id, start.Context!.Version, duplicateTurn, new ConversationChanges("k2", false, 0), null, CancellationToken.None));

        var refused = await conversation.CompleteTurnAsync(start.TurnId!, start.Context.Version, request, Answer);
        await Polling.UntilAsync(async () => await _cluster.ActivationsOfAsync(conversation) == 0, "the outdated activation has left", TimeSpan.FromSeconds(10));
        var next = await conversation.BeginTurnAsync(request, CancellationToken.None);
        var stored = await conversation.CompleteTurnAsync(next.TurnId!, next.Context!.Version, request, Answer);

        Assert.Equal(TurnStatus.Conflict, refused.Status);
        Assert.Equal(TurnStatus.Completed, stored.Status);
        var view = await conversation.GetAsync(Tenant);
        Assert.Equal(["Through the duplicate", "Stored there.", "Still there?", "Yes."], view!.Messages.Select(m => JsonDocument.Parse(m.Json).RootElement.GetProperty("content").GetString()));
    }

    [Fact]
    public async Task A_leaving_silo_hands_its_conversation_over_once_its_running_and_queued_turns_have_ended()
    {
        const string id = "conv_failover_handed_over";
        var created = GrainCluster.Grains(_cluster.Silos[0]).GetGrain<IConversationGrain>(id);
        await created.CreateAsync(new CreateConversation(Tenant, GrainCluster.Model, null, null));
        var hostAddress = await _cluster.HostOfAsync(created);
        var host = _cluster.Silos.Single(silo => silo.SiloAddress.Equals(hostAddress));
        // Called from its host: a local call reaches the activation's queue in the order it was made, so the second
        // begin below is in line before the first turn's completion (across silos Orleans does not promise order).
        var conversation = GrainCluster.Grains(host).GetGrain<IConversationGrain>(id);
        var first = new TurnRequest(Tenant, Question, null, null);
        var second = new TurnRequest(Tenant, [new("user", """{"role":"user","content":"And now?"}""", 3)], null, null);
        var running = await conversation.BeginTurnAsync(first, CancellationToken.None);

        // Sent before the first turn's completion, so it waits in the conversation's queue by then.
        var queued = conversation.BeginTurnAsync(second, CancellationToken.None).AsTask();

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var handover = GrainCluster.Services(host).GetRequiredService<ConversationHandover>().HandOverAsync(patience.Token);
        var firstOutcome = await conversation.CompleteTurnAsync(running.TurnId!, running.Context!.Version, first, Answer);
        var next = await queued;
        var handedOverEarly = handover.IsCompleted;
        var secondOutcome = await conversation.CompleteTurnAsync(next.TurnId!, next.Context!.Version, second, Answer);

        Assert.Equal(TurnStatus.Completed, firstOutcome.Status);
        Assert.Equal(TurnStatus.Started, next.Status);
        Assert.Equal(1, next.Context.Version);
        Assert.False(handedOverEarly, "the silo handed the conversation over while a turn that began there was running");
        Assert.Equal(TurnStatus.Completed, secondOutcome.Status);
        Assert.True(await handover, "the conversation did not leave the silo once its turns had ended");
        var view = await conversation.GetAsync(Tenant);
        Assert.Equal(2, view!.Conversation.Version);
        Assert.Equal(["user", "assistant", "user", "assistant"], view.Messages.Select(m => m.Role));
    }

    [Fact]
    public async Task A_begin_and_a_completion_sent_again_are_answered_for_the_same_turn_which_is_stored_once()
    {
        const string id = "conv_failover_sent_again";
        var conversation = GrainCluster.Grains(_cluster.Silos[0]).GetGrain<IConversationGrain>(id);
        await conversation.CreateAsync(new CreateConversation(Tenant, GrainCluster.Model, null, null));
        var first = new TurnRequest(Tenant, Question, null, null, TurnId: "turn-1");
        var second = new TurnRequest(Tenant, [new("user", """{"role":"user","content":"And now?"}""", 3)], null, null, TurnId: "turn-2");

        var running = await conversation.BeginTurnAsync(first, CancellationToken.None);
        var runningAgain = await conversation.BeginTurnAsync(first, CancellationToken.None);
        var waiting = conversation.BeginTurnAsync(second, CancellationToken.None).AsTask();
        var waitingAgain = conversation.BeginTurnAsync(second, CancellationToken.None).AsTask();
        var completed = await conversation.CompleteTurnAsync("turn-1", 0, first, Answer);
        var completedAgain = await conversation.CompleteTurnAsync("turn-1", 0, first, Answer);
        var (next, nextAgain) = (await waiting, await waitingAgain);
        var secondCompleted = await conversation.CompleteTurnAsync("turn-2", 1, second, Answer);
        var firstBegunAfterItEnded = await conversation.BeginTurnAsync(first, CancellationToken.None);

        Assert.Equal((TurnStatus.Started, "turn-1"), (running.Status, running.TurnId));
        Assert.Equal((TurnStatus.Started, "turn-1", 0L), (runningAgain.Status, runningAgain.TurnId, runningAgain.Context!.Version));
        Assert.Equal(TurnStatus.Completed, completed.Status);
        Assert.Equal(completed, completedAgain);
        Assert.Equal((TurnStatus.Started, "turn-2", 1L), (next.Status, next.TurnId, next.Context!.Version));
        Assert.Equal((TurnStatus.Started, "turn-2", 1L), (nextAgain.Status, nextAgain.TurnId, nextAgain.Context!.Version));
        Assert.Equal(TurnStatus.Completed, secondCompleted.Status);
        Assert.Equal(TurnStatus.Conflict, firstBegunAfterItEnded.Status);
        var view = await conversation.GetAsync(Tenant);
        Assert.Equal(2, view!.Conversation.Version);
        Assert.Equal(["user", "assistant", "user", "assistant"], view.Messages.Select(m => m.Role));
    }
}
