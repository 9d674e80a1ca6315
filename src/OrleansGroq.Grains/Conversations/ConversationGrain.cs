using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Conversations;
using OrleansGroq.Abstractions.Runtime;
using OrleansGroq.Grains.Chat;
using OrleansGroq.Grains.Routing;

namespace OrleansGroq.Grains.Conversations;

/// <summary>
/// A conversation's state in memory, kept coherent with the shared store: a turn claims a lease that also
/// proves this copy is current (a stale copy re-reads once), the LLM call runs with no transaction open,
/// and the append is checked against the version again. Reads re-load, since other nodes may have appended.
/// </summary>
internal sealed class ConversationGrain(
    IGrainContext context,
    IConversationStore store,
    ModelCatalog catalog,
    IOptions<ConversationOptions> options,
    TimeProvider time) : IConversationGrain, IGrainBase
{
    private ConversationSnapshot? _snapshot;

    private string Id => context.GrainId.Key;

    async Task IGrainBase.OnActivateAsync(CancellationToken cancellationToken) =>
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
        _snapshot = await store.LoadAsync(Id, CancellationToken.None);
        return _snapshot is { } s && s.Conversation.Tenant == tenant ? new ConversationView(s.Conversation, s.Messages) : null;
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

    async ValueTask<TurnOutcome> IConversationGrain.RunTurnAsync(TurnRequest request, IConversationTurnHandler handler, CancellationToken cancellationToken)
    {
        if (_snapshot?.Conversation.Tenant != request.Tenant)
        {
            // Created on another node after this activation read it, or really not there.
            _snapshot = await store.LoadAsync(Id, cancellationToken);
        }

        if (_snapshot is not { } snapshot || snapshot.Conversation.Tenant != request.Tenant)
        {
            return new TurnOutcome(TurnStatus.NotFound, 0);
        }

        var owner = Guid.NewGuid().ToString("N");
        var claim = await ClaimAsync(owner, cancellationToken);
        if (claim.Status != TurnClaimStatus.Claimed)
        {
            return claim.Status == TurnClaimStatus.Busy
                ? new TurnOutcome(TurnStatus.Busy, snapshot.Conversation.Version, claim.BusyUntil)
                : new TurnOutcome(TurnStatus.NotFound, 0);
        }

        snapshot = _snapshot!;
        var model = request.Model ?? snapshot.Conversation.Model;
        var contextWindow = catalog.TryResolve(model, out var spec) ? spec.ContextWindow : int.MaxValue;
        var budget = contextWindow - (request.MaxTokens ?? options.Value.DefaultMaxTokens) - request.Messages.Sum(m => m.Tokens);
        var (history, trimmed) = HistoryTrimmer.Trim(snapshot.Messages, budget);
        TurnReply reply;
        try
        {
            reply = await handler.ExecuteAsync(new TurnContext(Id, model, snapshot.Conversation.KeyAlias, history, trimmed), cancellationToken);
        }
        catch
        {
            await store.ReleaseTurnAsync(Id, owner, CancellationToken.None);
            throw;
        }

        if (reply.AssistantJson is null)
        {
            await store.ReleaseTurnAsync(Id, owner, CancellationToken.None);
            return new TurnOutcome(TurnStatus.NoReply, snapshot.Conversation.Version);
        }

        return await AppendAsync(snapshot, owner, request.Messages, reply);
    }

    private async Task<TurnClaim> ClaimAsync(string owner, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var now = time.GetUtcNow();
            var claim = await store.ClaimTurnAsync(Id, _snapshot!.Conversation.Version, owner, now, now + options.Value.TurnLease, cancellationToken);
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

    private async Task<TurnOutcome> AppendAsync(ConversationSnapshot snapshot, string owner, IReadOnlyList<NewMessage> messages, TurnReply reply)
    {
        var now = time.GetUtcNow();
        var conversation = snapshot.Conversation;
        var appended = new List<StoredMessage>(messages.Count + 1);
        foreach (var message in messages)
        {
            appended.Add(new StoredMessage(conversation.MessageCount + appended.Count + 1, message.Role, message.Json, message.Tokens, now));
        }

        appended.Add(new StoredMessage(conversation.MessageCount + appended.Count + 1, "assistant", reply.AssistantJson!, reply.CompletionTokens, now));
        var rotated = conversation.KeyAlias is not null && reply.KeyAlias is not null && reply.KeyAlias != conversation.KeyAlias;
        var changes = new ConversationChanges(reply.KeyAlias ?? conversation.KeyAlias, rotated, reply.CachedTokens);

        // The reply exists now: store it even if the client has gone, so the conversation stays whole.
        var status = await store.AppendAsync(Id, conversation.Version, owner, appended, changes, CancellationToken.None);
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
}
