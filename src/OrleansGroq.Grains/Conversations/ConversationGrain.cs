using System.Text.Json;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using OrleansGroq.Abstractions.Conversations;
using OrleansGroq.Grains.Chat;
using OrleansGroq.Grains.Routing;

namespace OrleansGroq.Grains.Conversations;

/// <summary>
/// A conversation's state in memory, kept coherent with the shared store: a turn claims a lease that also proves this
/// copy is current (a stale copy re-reads once), the LLM call runs on the caller's silo with no grain turn and no
/// transaction open, and the append is checked against the version again. Reads re-load, since the store is the
/// record. The grain is reentrant so that a turn waiting for the one in progress does not block that turn's
/// completion; <see cref="_turns"/> lets one turn at a time past its beginning.
/// </summary>
// The grain type names stored state: fixed, so that renaming the class does not orphan it.
[GrainType("conversation")]
[Reentrant]
internal sealed class ConversationGrain(
    IConversationStore store,
    ModelCatalog catalog,
    IOptions<ConversationOptions> options,
    TimeProvider time) : Grain, IConversationGrain
{
    private readonly SemaphoreSlim _turns = new(1, 1);
    private ConversationSnapshot? _snapshot;
    private ActiveTurn? _active;

    private string Id => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _snapshot = await store.LoadAsync(Id, cancellationToken);

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
        _snapshot = new ConversationSnapshot(conversation, messages);
        return new ConversationView(conversation, messages);
    }

    async ValueTask<ConversationView?> IConversationGrain.GetAsync(string tenant)
    {
        var snapshot = await store.LoadAsync(Id, CancellationToken.None);
        if (_active is null)
        {
            _snapshot = snapshot;
        }

        return snapshot is { } s && s.Conversation.Tenant == tenant ? new ConversationView(s.Conversation, s.Messages) : null;
    }

    async ValueTask<bool> IConversationGrain.DeleteAsync(string tenant)
    {
        var deleted = await store.DeleteAsync(Id, tenant, CancellationToken.None);
        if (deleted)
        {
            _snapshot = null;
        }

        return deleted;
    }

    async ValueTask<TurnStart> IConversationGrain.BeginTurnAsync(TurnRequest request, CancellationToken cancellationToken)
    {
        var lease = options.Value.TurnLease;
        if (!await _turns.WaitAsync(lease, cancellationToken))
        {
            return new TurnStart(TurnStatus.Busy, BusyUntil: _active?.LeaseUntil);
        }

        try
        {
            return await BeginAsync(request, lease, cancellationToken);
        }
        catch
        {
            _turns.Release();
            throw;
        }
    }

    async ValueTask<TurnOutcome> IConversationGrain.CompleteTurnAsync(string turnId, IReadOnlyList<NewMessage> messages, TurnReply reply)
    {
        if (_active is not { } turn || turn.Id != turnId)
        {
            // Begun on an activation that is gone (its silo stopped or died mid-call): the store still knows the turn
            // by its lease, and the append proves it holds it.
            return await AppendAsync(await store.LoadAsync(Id, CancellationToken.None), turnId, messages, reply);
        }

        try
        {
            return await AppendAsync(turn.Snapshot, turn.Id, messages, reply);
        }
        finally
        {
            End(turn);
        }
    }

    async ValueTask IConversationGrain.AbandonTurnAsync(string turnId)
    {
        if (_active is { } turn && turn.Id == turnId)
        {
            End(turn);
            await store.ReleaseTurnAsync(Id, turn.Id, CancellationToken.None);
        }
    }

    /// <summary>Claims the turn in the store; on any answer but a claim, lets the next turn in.</summary>
    private async Task<TurnStart> BeginAsync(TurnRequest request, TimeSpan lease, CancellationToken cancellationToken)
    {
        if (_snapshot?.Conversation.Tenant != request.Tenant)
        {
            // Created through another activation's store write after this one read it, or really not there.
            _snapshot = await store.LoadAsync(Id, cancellationToken);
        }

        if (_snapshot is not { } snapshot || snapshot.Conversation.Tenant != request.Tenant)
        {
            _turns.Release();
            return new TurnStart(TurnStatus.NotFound);
        }

        var turnId = Guid.NewGuid().ToString("N");
        var claim = await ClaimAsync(turnId, lease, cancellationToken);
        if (claim.Status != TurnClaimStatus.Claimed)
        {
            _turns.Release();
            return claim.Status == TurnClaimStatus.Busy
                ? new TurnStart(TurnStatus.Busy, BusyUntil: claim.BusyUntil)
                : new TurnStart(TurnStatus.NotFound);
        }

        snapshot = _snapshot!;
        var model = request.Model ?? snapshot.Conversation.Model;
        var contextWindow = catalog.TryResolve(model, out var spec) ? spec.ContextWindow : int.MaxValue;
        var budget = contextWindow - (request.MaxTokens ?? options.Value.DefaultMaxTokens) - request.Messages.Sum(m => m.Tokens);
        var (history, trimmed) = HistoryTrimmer.Trim(snapshot.Messages, budget);

        // A caller that never completes nor abandons (its silo died mid-call) must not hold the conversation for good.
        var expiry = this.RegisterGrainTimer(_ => ExpireAsync(turnId), new GrainTimerCreationOptions(lease, Timeout.InfiniteTimeSpan));
        _active = new ActiveTurn(turnId, snapshot, time.GetUtcNow() + lease, expiry);
        return new TurnStart(TurnStatus.Started, turnId, new TurnContext(Id, model, snapshot.Conversation.KeyAlias, history, trimmed));
    }

    private async Task ExpireAsync(string turnId) => await ((IConversationGrain)this).AbandonTurnAsync(turnId);

    private void End(ActiveTurn turn)
    {
        turn.Expiry.Dispose();
        _active = null;
        _turns.Release();
    }

    private async Task<TurnClaim> ClaimAsync(string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var now = time.GetUtcNow();
            var claim = await store.ClaimTurnAsync(Id, _snapshot!.Conversation.Version, owner, now, now + lease, cancellationToken);
            if (claim.Status != TurnClaimStatus.Stale || attempt == 1)
            {
                return claim;
            }

            _snapshot = await store.LoadAsync(Id, cancellationToken);
            if (_snapshot is null)
            {
                return new TurnClaim(TurnClaimStatus.NotFound);
            }
        }
    }

    private async Task<TurnOutcome> AppendAsync(ConversationSnapshot? snapshot, string turnId, IReadOnlyList<NewMessage> messages, TurnReply reply)
    {
        if (reply.AssistantJson is null)
        {
            await store.ReleaseTurnAsync(Id, turnId, CancellationToken.None);
            return new TurnOutcome(TurnStatus.NoReply, snapshot?.Conversation.Version ?? 0);
        }

        if (snapshot is null)
        {
            return new TurnOutcome(TurnStatus.NotFound, 0);
        }

        var now = time.GetUtcNow();
        var conversation = snapshot.Conversation;
        var appended = new List<StoredMessage>(messages.Count + 1);
        foreach (var message in messages)
        {
            appended.Add(new StoredMessage(conversation.MessageCount + appended.Count + 1, message.Role, message.Json, message.Tokens, now));
        }

        appended.Add(new StoredMessage(conversation.MessageCount + appended.Count + 1, "assistant", reply.AssistantJson, reply.CompletionTokens, now));
        var rotated = conversation.KeyAlias is not null && reply.KeyAlias is not null && reply.KeyAlias != conversation.KeyAlias;
        var changes = new ConversationChanges(reply.KeyAlias ?? conversation.KeyAlias, rotated, reply.CachedTokens);

        // The reply exists now: store it even if the client has gone, so the conversation stays whole.
        var status = await store.AppendAsync(Id, conversation.Version, turnId, appended, changes, CancellationToken.None);
        if (status != AppendStatus.Appended)
        {
            _snapshot = null;
            return new TurnOutcome(status == AppendStatus.NotFound ? TurnStatus.NotFound : TurnStatus.Conflict, conversation.Version);
        }

        var updated = conversation with
        {
            Version = conversation.Version + 1,
            MessageCount = conversation.MessageCount + appended.Count,
            KeyAlias = changes.KeyAlias,
            KeyRotations = conversation.KeyRotations + (rotated ? 1 : 0),
            CachedTokens = conversation.CachedTokens + reply.CachedTokens,
        };
        _snapshot = new ConversationSnapshot(updated, [.. snapshot.Messages, .. appended]);
        return new TurnOutcome(TurnStatus.Completed, updated.Version);
    }

    /// <summary>The turn between its beginning and its completion: the conversation it began on, and the timer that ends it.</summary>
    private sealed record ActiveTurn(string Id, ConversationSnapshot Snapshot, DateTimeOffset LeaseUntil, IGrainTimer Expiry);
}
