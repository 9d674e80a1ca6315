using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Keys;

namespace OrleansGroq.Grains.Keys;

/// <summary>The configured keys (never their secrets) and the status board their grains publish to.</summary>
internal sealed class ApiKeyRegistry
{
    private readonly FrozenDictionary<string, ApiKeyEntry> _byAlias;

    public ApiKeyRegistry(IOptions<ApiKeyPoolOptions> options)
    {
        var accounts = new Dictionary<string, int>(StringComparer.Ordinal);
        Entries = options.Value.Keys
            .Select(key =>
            {
                var account = string.IsNullOrWhiteSpace(key.Account) ? key.Alias : key.Account;
                if (!accounts.TryGetValue(account, out var accountIndex))
                {
                    accounts.Add(account, accountIndex = accounts.Count);
                }

                return new ApiKeyEntry(new ApiKeyInfo(key.Alias, account), accountIndex);
            })
            .ToArray();
        AccountCount = accounts.Count;
        Keys = Array.AsReadOnly(Entries.Select(entry => entry.Info).ToArray());
        _byAlias = Entries.ToFrozenDictionary(entry => entry.Info.Alias, StringComparer.Ordinal);
    }

    public ApiKeyEntry[] Entries { get; }

    public IReadOnlyList<ApiKeyInfo> Keys { get; }

    public int AccountCount { get; }

    public bool TryGet(string alias, out ApiKeyEntry entry) => _byAlias.TryGetValue(alias, out entry!);
}
