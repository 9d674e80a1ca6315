using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using OrleansGroq.Abstractions.Conversations;
using OrleansGroq.Grains.Chat;
using OrleansGroq.Grains.Routing;

namespace OrleansGroq.Grains.Conversations;

/// <summary>
/// The authority for one conversation: its history and its turns' idempotency keys live in this activation's memory,
/// loaded once on activation; the store only keeps what a turn wrote. Turns from any silo wait in <see cref="_queue"/>
/// in arrival order and run one at a time; the LLM call runs on the caller's silo with no grain turn open, and the
/// completion writes the turn in one store statement, whose version check guards against a stale duplicate
/// activation. The grain is reentrant so that reads, and the running turn's completion, never wait behind the turns
/// queued for the conversation. A running turn whose front end the cluster declares dead is let go at once, storing
/// nothing (its client's connection died with that silo); the turn lease is the backstop. When its silo leaves the
/// cluster, the conversation ends its turns here and then moves (<see cref="ConversationHandover"/>).
/// </summary>
// The grain type names stored state: fixed, so that renaming the class does not orphan it.
[GrainType("conversation")]
[Reentrant]
[NotOnLeavingSilo]
internal sealed partial class ConversationGrain(
    IConversationStore store,
    ModelCatalog catalog,
    FrontEndDeaths deaths,
    ConversationHandover handover,
    IOptions<ConversationOptions> options,
    TimeProvider time,
    ILogger<ConversationGrain> logger) : Grain, IConversationGrain
{
    // Before any turn has ended, a full queue's retry-after assumes turns of about this long.
    private static readonly TimeSpan FirstTurnEstimate = TimeSpan.FromSeconds(1);

    // A begin or completion sent again comes within seconds of the first; a few turns back is plenty.
    private const int RememberedTurns = 16;

    private readonly TurnQueue _queue = new(options.Value.MaxQueuedTurns);
    private readonly Dictionary<string, TurnKey> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<TurnStart>> _beginning = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TurnOutcome?> _ended = new(StringComparer.Ordinal);
    private readonly Queue<string> _endedOrder = new();
    private ConversationSnapshot? _snapshot;
    private ActiveTurn? _active;
    private TimeSpan _turnTime = FirstTurnEstimate;
    private bool _leaving;

    private string Id => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Load(await store.LoadAsync(Id, cancellationToken));
        var scheduler = GrainContext.Scheduler;
        handover.Arrive(this, () => scheduler.QueueAction(Leave));
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _active?.Watch.Dispose();
        handover.Depart(this);
        return Task.CompletedTask;
    }

    async ValueTask<ConversationView> IConversationGrain.CreateAsync(CreateConversation request)
    {
        if (_snapshot is not null)
        {
            throw new InvalidOperationException($"Conversation {Id} already exists.");
        }

        var now = time.GetUtcNow();
        IReadOnlyList<StoredMessage> messages = request.System is { } system
            ? [new StoredMessage(1, "system", JsonSerializer.Serialize(new SystemMessage("system", system), ConversationJsonContext.Default.SystemMessage), TokenEstimate.ForMessage(system.Length), now)]
            : [];
        var conversation = new StoredConversation(Id, request.Tenant, request.Model, null, request.MetadataJson, now, 0, messages.Count, 0, 0);
        await store.CreateAsync(conversation, messages, CancellationToken.None);
        Load(new ConversationSnapshot(conversation, messages, []));
        return new ConversationView(conversation, messages);
    }

    async ValueTask<ConversationView?> IConversationGrain.GetAsync(string tenant)
    {
        var snapshot = _snapshot ?? await ReloadAsync();
        return snapshot is { } s && s.Conversation.Tenant == tenant ? new ConversationView(s.Conversation, s.Messages) : null;
    }

    async ValueTask<bool> IConversationGrain.DeleteAsync(string tenant)
    {
        var deleted = await store.DeleteAsync(Id, tenant, CancellationToken.None);
        if (deleted)
        {
            Load(null);
        }

        return deleted;
    }

    async ValueTask<TurnStart> IConversationGrain.BeginTurnAsync(TurnRequest request, CancellationToken cancellationToken)
    {
        if (request.TurnId is not { } id)
        {
            return await BeginAsync(request, cancellationToken);
        }

        // The same turn's begin sent again: Orleans broke the first call when a silo it was forwarded through left the
        // cluster, but the first may have reached this activation all the same, and may be waiting or running here.
        if (_active is { } active && active.Id == id)
        {
            return active.Start;
        }

        if (_ended.ContainsKey(id))
        {
            // It ran and ended without its front end (the lease, or its front end's death): the front end knows nothing of it.
            return new TurnStart(TurnStatus.Conflict);
        }

        if (_beginning.TryGetValue(id, out var pending))
        {
            return await pending;
        }

        var begin = BeginAsync(request, cancellationToken);
        _beginning[id] = begin;
        try
        {
            return await begin;
        }
        finally
        {
            _beginning.Remove(id);
        }
    }

    private async Task<TurnStart> BeginAsync(TurnRequest request, CancellationToken cancellationToken)
    {
        if (!await _queue.EnterAsync(cancellationToken))
        {
            return new TurnStart(TurnStatus.Busy, RetryAfter: QueueWait());
        }

        try
        {
            var start = await StartAsync(request);
            if (start.Status != TurnStatus.Started)
            {
                Release();
            }

            return start;
        }
        catch
        {
            Release();
            throw;
        }
    }

    async ValueTask<TurnOutcome> IConversationGrain.CompleteTurnAsync(string turnId, long version, TurnRequest request, TurnReply reply)
    {
        if (Take(turnId) is { } turn)
        {
            TurnOutcome? outcome = null;
            try
            {
                outcome = await AppendAsync(turn.Request, turn.Version, reply);
                return outcome;
            }
            finally
            {
                End(turn, outcome);
            }
        }

        // The same completion sent again, its first answer lost in a silo's leave: the first's outcome stands.
        if (_ended.TryGetValue(turnId, out var ended) && ended is { } first)
        {
            return first;
        }

        return await CompleteOrphanAsync(version, request, reply);
    }

    ValueTask IConversationGrain.AbandonTurnAsync(string turnId)
    {
        if (Take(turnId) is { } turn)
        {
            End(turn);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Completes a turn this activation does not know: it began on an activation that is gone (its silo stopped or died
    /// mid-call), or it ran out of lease. It is stored only if nothing has happened to the conversation since it began
    /// and no turn holds it now, so it takes its place in arrival order; its key may show it stored already. A turn
    /// from a front end declared dead is never stored: its client was told nothing, and will send it again.
    /// </summary>
    private async Task<TurnOutcome> CompleteOrphanAsync(long version, TurnRequest request, TurnReply reply)
    {
        var current = _snapshot?.Conversation.Version ?? 0;
        if (request.FrontEnd is { } frontEnd && deaths.IsDead(frontEnd))
        {
            return new TurnOutcome(TurnStatus.Conflict, current);
        }

        if (request.IdempotencyKey is { } key && _keys.TryGetValue(key.Key, out var stored))
        {
            return new TurnOutcome(stored.Fingerprint == key.Fingerprint ? TurnStatus.Completed : TurnStatus.Conflict, current);
        }

        if (_snapshot?.Conversation.Tenant != request.Tenant || current != version || !_queue.TryEnter())
        {
            return new TurnOutcome(_snapshot is null ? TurnStatus.NotFound : TurnStatus.Conflict, current);
        }

        try
        {
            return await AppendAsync(request, version, reply);
        }
        finally
        {
            Release();
        }
    }

    /// <summary>The first turn in line: answered from the idempotency keys, or started.</summary>
    private async Task<TurnStart> StartAsync(TurnRequest request)
    {
        // Missing: created through another activation after this one loaded, or really not there.
        if ((_snapshot ?? await ReloadAsync()) is not { } snapshot || snapshot.Conversation.Tenant != request.Tenant)
        {
            return new TurnStart(TurnStatus.NotFound);
        }

        var conversation = snapshot.Conversation;
        var model = request.Model ?? conversation.Model;
        if (request.IdempotencyKey is { } key && _keys.TryGetValue(key.Key, out var stored))
        {
            return stored.Fingerprint == key.Fingerprint
                ? new TurnStart(TurnStatus.Replayed, Context: new TurnContext(Id, model, conversation.KeyAlias, [], 0, conversation.Version), Reply: snapshot.Messages[stored.Sequence - 1])
                : new TurnStart(TurnStatus.KeyReused);
        }

        var lease = options.Value.TurnLease;
        var contextWindow = catalog.TryResolve(model, out var spec) ? spec.ContextWindow : int.MaxValue;
        var budget = contextWindow - (request.MaxTokens ?? options.Value.DefaultMaxTokens) - request.Messages.Sum(m => m.Tokens);
        var (history, trimmed) = HistoryTrimmer.Trim(snapshot.Messages, budget);

        // A caller that never completes nor abandons (its silo died mid-call) must not hold the conversation: the watch
        // lets the turn go when the membership declares that silo dead, or at the latest when the lease runs out.
        var turnId = request.TurnId ?? Guid.NewGuid().ToString("N");
        var scheduler = GrainContext.Scheduler;
        var frontEndDied = request.FrontEnd is { } frontEnd ? deaths.WhenDead(frontEnd) : default;
        var watch = new TurnWatch(lease, time, frontEndDied, loss => scheduler.QueueAction(() => Lose(turnId, loss)));
        var start = new TurnStart(TurnStatus.Started, turnId, new TurnContext(Id, model, conversation.KeyAlias, history, trimmed, conversation.Version));
        _active = new ActiveTurn(turnId, request, conversation.Version, time.GetTimestamp(), watch, start);
        return start;
    }

    /// <summary>The running turn, if it is <paramref name="turnId"/>, no longer running: its expiry can no longer end it.</summary>
    private ActiveTurn? Take(string turnId)
    {
        if (_active is not { } turn || turn.Id != turnId)
        {
            return null;
        }

        _active = null;
        turn.Watch.Dispose();
        return turn;
    }

    /// <summary>Lets the running turn go, if it is still <paramref name="turnId"/>, without storing anything.</summary>
    private void Lose(string turnId, TurnLoss loss)
    {
        if (Take(turnId) is { } turn)
        {
            Log.TurnLost(logger, turnId, Id, loss, turn.Request.FrontEnd);
            End(turn);
        }
    }

    /// <summary>
    /// Lets the next turn in, folds the turn's duration into the estimate a full queue answers with, and remembers how
    /// the turn ended (<paramref name="outcome"/>, null when nothing was stored) for a begin or completion sent again.
    /// </summary>
    private void End(ActiveTurn turn, TurnOutcome? outcome = null)
    {
        _turnTime = (_turnTime * 0.8) + (time.GetElapsedTime(turn.StartedAt) * 0.2);
        if (_endedOrder.Count == RememberedTurns)
        {
            _ended.Remove(_endedOrder.Dequeue());
        }

        _ended[turn.Id] = outcome;
        _endedOrder.Enqueue(turn.Id);
        Release();
    }

    /// <summary>Lets the next turn in; on a leaving silo, moves the conversation once no turn runs or waits.</summary>
    private void Release()
    {
        _queue.Exit();
        MoveIfIdle();
    }

    /// <summary>
    /// The silo is leaving the cluster, or this is a duplicate activation: the conversation moves once its running and
    /// waiting turns have ended.
    /// </summary>
    private void Leave()
    {
        _leaving = true;
        MoveIfIdle();
    }

    private void MoveIfIdle()
    {
        // A turn that began here must end here: its completion finds it in this activation's memory. Once none runs or
        // waits, Orleans deactivates it when its current calls have returned, and sends the calls that arrive meanwhile
        // on to a new activation, placed off this silo, which loads the conversation from the store. Migrating instead
        // (MigrateOnIdle) left duplicate activations behind in RollingRestartTests: 169 turns in a run stored nothing.
        if (_leaving && !_queue.IsHeld)
        {
            DeactivateOnIdle();
        }
    }

    private TimeSpan QueueWait()
    {
        var wait = _turnTime * (_queue.Waiting + 1);
        return wait < FirstTurnEstimate ? FirstTurnEstimate : wait > options.Value.TurnLease ? options.Value.TurnLease : wait;
    }

    private async Task<TurnOutcome> AppendAsync(TurnRequest request, long version, TurnReply reply)
    {
        if (reply.AssistantJson is null)
        {
            return new TurnOutcome(TurnStatus.NoReply, _snapshot?.Conversation.Version ?? 0);
        }

        if (_snapshot is not { } snapshot)
        {
            return new TurnOutcome(TurnStatus.NotFound, 0);
        }

        if (snapshot.Conversation.Version != version)
        {
            // Reloaded after another activation wrote (see below) while this turn ran: it would not follow what it saw.
            return new TurnOutcome(TurnStatus.Conflict, snapshot.Conversation.Version);
        }

        var now = time.GetUtcNow();
        var conversation = snapshot.Conversation;
        var appended = new List<StoredMessage>(request.Messages.Count + 1);
        foreach (var message in request.Messages)
        {
            appended.Add(new StoredMessage(conversation.MessageCount + appended.Count + 1, message.Role, message.Json, message.Tokens, now));
        }

        appended.Add(new StoredMessage(conversation.MessageCount + appended.Count + 1, "assistant", reply.AssistantJson, reply.CompletionTokens, now));
        var key = request.IdempotencyKey is { } k ? new TurnKey(k.Key, k.Fingerprint, appended[^1].Sequence) : null;
        var rotated = conversation.KeyAlias is not null && reply.KeyAlias is not null && reply.KeyAlias != conversation.KeyAlias;
        var changes = new ConversationChanges(reply.KeyAlias ?? conversation.KeyAlias, rotated, reply.CachedTokens);

        // The reply exists now: store it even if the client has gone, so the conversation stays whole.
        var status = await store.AppendAsync(Id, conversation.Version, appended, changes, key, CancellationToken.None);
        if (status != AppendStatus.Appended)
        {
            // Another activation of this conversation wrote first (Orleans' directory may place a duplicate while
            // silos join or die): its record is the conversation now. This one leaves once its turns have ended, so
            // that the front ends routed to it find the other; staying, it refused every turn they sent it (a rolling
            // restart saw 11 in a row on one conversation).
            var current = await ReloadAsync();
            if (status == AppendStatus.Conflict)
            {
                Log.DuplicateLeaves(logger, Id, current?.Conversation.Version ?? 0);
                Leave();
            }

            return new TurnOutcome(status == AppendStatus.NotFound ? TurnStatus.NotFound : TurnStatus.Conflict, current?.Conversation.Version ?? 0);
        }

        var updated = conversation with
        {
            Version = conversation.Version + 1,
            MessageCount = conversation.MessageCount + appended.Count,
            KeyAlias = changes.KeyAlias,
            KeyRotations = conversation.KeyRotations + (rotated ? 1 : 0),
            CachedTokens = conversation.CachedTokens + reply.CachedTokens,
        };
        _snapshot = new ConversationSnapshot(updated, [.. snapshot.Messages, .. appended], key is null ? snapshot.Keys : [.. snapshot.Keys, key]);
        if (key is not null)
        {
            _keys[key.Key] = key;
        }

        return new TurnOutcome(TurnStatus.Completed, updated.Version);
    }

    private async Task<ConversationSnapshot?> ReloadAsync()
    {
        Load(await store.LoadAsync(Id, CancellationToken.None));
        return _snapshot;
    }

    private void Load(ConversationSnapshot? snapshot)
    {
        _snapshot = snapshot;
        _keys.Clear();
        foreach (var key in snapshot?.Keys ?? [])
        {
            _keys[key.Key] = key;
        }
    }

    /// <summary>
    /// The running turn: its request, the version it began at, when it started, the watch that ends it if its caller
    /// never does, and the answer its begin got.
    /// </summary>
    private sealed record ActiveTurn(string Id, TurnRequest Request, long Version, long StartedAt, TurnWatch Watch, TurnStart Start);

    private static partial class Log
    {
        [LoggerMessage(EventId = 8001, EventName = "ConversationTurnLost", Level = LogLevel.Information,
            Message = "Turn {TurnId} of conversation {ConversationId} was let go unstored ({Loss}); its front end was {FrontEnd}.")]
        public static partial void TurnLost(ILogger logger, string turnId, string conversationId, TurnLoss loss, SiloAddress? frontEnd);

        [LoggerMessage(EventId = 8002, EventName = "DuplicateConversationLeaves", Level = LogLevel.Warning,
            Message = "Another activation of conversation {ConversationId} stored version {Version} first; this one leaves once its turns have ended.")]
        public static partial void DuplicateLeaves(ILogger logger, string conversationId, long version);
    }
}
