using System.Collections.Immutable;
using OrleansGroq.Abstractions.Conversations;
using Entry = (
    OrleansGroq.Abstractions.Conversations.StoredConversation Header,
    System.Collections.Immutable.ImmutableList<OrleansGroq.Abstractions.Conversations.StoredMessage> Messages,
    System.Collections.Immutable.ImmutableList<OrleansGroq.Abstractions.Conversations.TurnKey> Keys);

namespace OrleansGroq.Grains.Conversations;

/// <summary>
/// The embedded store of a single node. One lock guards everything: a store call happens once per turn, next to an
/// LLM call that takes seconds. It mirrors the PostgreSQL store on the contract suite, down to
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

            _live.Add(header.Id, (header, stored, []));
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
            return Task.FromResult(_live.TryGetValue(id, out var entry) ? new ConversationSnapshot(entry.Header, entry.Messages, entry.Keys) : null);
        }
    }

    public Task<AppendStatus> AppendAsync(
        string id, long expectedVersion, IReadOnlyList<StoredMessage> messages, ConversationChanges changes, TurnKey? key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(changes);
        if (messages.Count == 0)
        {
            throw new ArgumentException("An append stores at least one message.", nameof(messages));
        }

        ThrowUnlessContiguous(messages, messages[0].Sequence, nameof(messages));
        if (key is not null && (key.Sequence < messages[0].Sequence || key.Sequence > messages[^1].Sequence))
        {
            throw new ArgumentException($"The key must name one of the appended messages, not sequence {key.Sequence}.", nameof(key));
        }

        lock (_gate)
        {
            if (!_live.TryGetValue(id, out var entry))
            {
                return Task.FromResult(AppendStatus.NotFound);
            }

            if (entry.Header.Version != expectedVersion || (key is not null && entry.Keys.Exists(k => k.Key == key.Key)))
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
            _live[id] = (header, stored, key is null ? entry.Keys : entry.Keys.Add(key));
            return Task.FromResult(AppendStatus.Appended);
        }
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
