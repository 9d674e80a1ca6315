using System.Collections.Immutable;
using OrleansGroq.Abstractions.Conversations;
using Entry = (
    OrleansGroq.Abstractions.Conversations.StoredConversation Header,
    System.Collections.Immutable.ImmutableList<OrleansGroq.Abstractions.Conversations.StoredMessage> Messages,
    string? Owner,
    System.DateTimeOffset? LeaseUntil);

namespace OrleansGroq.Grains.Conversations;

/// <summary>
/// The embedded store of a single node. One lock guards everything: a store call happens once or twice per
/// turn, next to an LLM call that takes seconds. It mirrors the PostgreSQL store on the contract suite, down to
/// timestamps kept to the microsecond in UTC and deleted ids staying taken.
/// </summary>
public sealed class InMemoryConversationStore : IConversationStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _live = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<string>> _idsByTenant = new(StringComparer.Ordinal);
    private readonly HashSet<string> _deleted = new(StringComparer.Ordinal);

    public Task CreateAsync(StoredConversation conversation, IReadOnlyList<StoredMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(messages);
        if (conversation.Version != 0 || conversation.MessageCount != messages.Count)
        {
            throw new ArgumentException("A new conversation starts at version 0 with MessageCount equal to its messages.", nameof(conversation));
        }

        ThrowUnlessContiguous(messages, 1, nameof(messages));
        var header = conversation with { CreatedAt = Microseconds(conversation.CreatedAt) };
        var stored = ImmutableList.CreateRange(messages.Select(m => m with { CreatedAt = Microseconds(m.CreatedAt) }));
        lock (_gate)
        {
            if (_live.ContainsKey(header.Id) || _deleted.Contains(header.Id))
            {
                throw new InvalidOperationException($"Conversation {header.Id} already exists.");
            }

            _live.Add(header.Id, (header, stored, null, null));
            if (!_idsByTenant.TryGetValue(header.Tenant, out var ids))
            {
                ids = new SortedSet<string>(StringComparer.Ordinal);
                _idsByTenant.Add(header.Tenant, ids);
            }

            ids.Add(header.Id);
        }

        return Task.CompletedTask;
    }

    public Task<ConversationSnapshot?> LoadAsync(string id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_live.TryGetValue(id, out var entry) ? new ConversationSnapshot(entry.Header, entry.Messages) : null);
        }
    }

    public Task<TurnClaim> ClaimTurnAsync(
        string id, long expectedVersion, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        now = Microseconds(now);
        lock (_gate)
        {
            if (!_live.TryGetValue(id, out var entry))
            {
                return Task.FromResult(new TurnClaim(TurnClaimStatus.NotFound));
            }

            if (entry.Header.Version != expectedVersion)
            {
                return Task.FromResult(new TurnClaim(TurnClaimStatus.Stale));
            }

            if (entry.Owner is not null && entry.Owner != owner && entry.LeaseUntil > now)
            {
                return Task.FromResult(new TurnClaim(TurnClaimStatus.Busy, entry.LeaseUntil));
            }

            _live[id] = entry with { Owner = owner, LeaseUntil = Microseconds(leaseUntil) };
            return Task.FromResult(new TurnClaim(TurnClaimStatus.Claimed));
        }
    }

    public Task<AppendStatus> AppendAsync(
        string id, long expectedVersion, string owner, IReadOnlyList<StoredMessage> messages, ConversationChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(changes);
        if (messages.Count == 0)
        {
            throw new ArgumentException("An append stores at least one message.", nameof(messages));
        }

        ThrowUnlessContiguous(messages, messages[0].Sequence, nameof(messages));
        lock (_gate)
        {
            if (!_live.TryGetValue(id, out var entry))
            {
                return Task.FromResult(AppendStatus.NotFound);
            }

            if (entry.Header.Version != expectedVersion || entry.Owner != owner)
            {
                return Task.FromResult(AppendStatus.Conflict);
            }

            if (messages[0].Sequence != entry.Header.MessageCount + 1)
            {
                throw new ArgumentException(
                    $"The messages must continue at sequence {entry.Header.MessageCount + 1}, not {messages[0].Sequence}.", nameof(messages));
            }

            var header = entry.Header with
            {
                Version = entry.Header.Version + 1,
                MessageCount = entry.Header.MessageCount + messages.Count,
                KeyAlias = changes.KeyAlias,
                KeyRotations = entry.Header.KeyRotations + (changes.KeyRotated ? 1 : 0),
                CachedTokens = entry.Header.CachedTokens + changes.CachedTokens,
            };
            var stored = entry.Messages.AddRange(messages.Select(m => m with { CreatedAt = Microseconds(m.CreatedAt) }));
            _live[id] = (header, stored, null, null);
            return Task.FromResult(AppendStatus.Appended);
        }
    }

    public Task ReleaseTurnAsync(string id, string owner, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_live.TryGetValue(id, out var entry) && entry.Owner == owner)
            {
                _live[id] = entry with { Owner = null, LeaseUntil = null };
            }
        }

        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string id, string tenant, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_live.TryGetValue(id, out var entry) || entry.Header.Tenant != tenant)
            {
                return Task.FromResult(false);
            }

            _live.Remove(id);
            _idsByTenant[tenant].Remove(id);
            _deleted.Add(id);
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<StoredConversation>> ListAsync(string tenant, string? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var page = new List<StoredConversation>(Math.Min(limit, 100));
        lock (_gate)
        {
            if (!_idsByTenant.TryGetValue(tenant, out var ids) || ids.Max is not { } last ||
                (after is not null && string.CompareOrdinal(after, last) >= 0))
            {
                return Task.FromResult<IReadOnlyList<StoredConversation>>(page);
            }

            foreach (var id in after is null ? ids : ids.GetViewBetween(after, last))
            {
                if (id == after)
                {
                    continue;
                }

                page.Add(_live[id].Header);
                if (page.Count == limit)
                {
                    break;
                }
            }
        }

        return Task.FromResult<IReadOnlyList<StoredConversation>>(page);
    }

    private static void ThrowUnlessContiguous(IReadOnlyList<StoredMessage> messages, int first, string parameterName)
    {
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i].Sequence != first + i)
            {
                throw new ArgumentException($"Message sequences must run from {first} without gaps; found {messages[i].Sequence} at position {i}.", parameterName);
            }
        }
    }

    // PostgreSQL keeps timestamptz to the microsecond, in UTC; doing the same keeps both stores interchangeable.
    private static DateTimeOffset Microseconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero);
}
