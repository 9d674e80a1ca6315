using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace OrleansGroq.Emulator.Accounts;

/// <summary>
/// Resolves bearer secrets to keys. With configured accounts only their keys exist; without, any
/// secret starting with <c>gsk_</c> is its own account, named from a hash so the secret never shows.
/// </summary>
internal sealed class KeyRegistry
{
    private const string ImplicitPrefix = "gsk_";
    private static readonly IReadOnlyDictionary<string, ModelLimits> NoLimits = new Dictionary<string, ModelLimits>();

    private readonly Dictionary<string, ApiKey>.AlternateLookup<ReadOnlySpan<char>> _configured;
    private readonly ConcurrentDictionary<string, ApiKey> _implicit = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ApiKey>.AlternateLookup<ReadOnlySpan<char>> _implicitLookup;
    private readonly bool _implicitMode;

    public KeyRegistry(IReadOnlyList<AccountOptions> accounts)
    {
        var configured = new Dictionary<string, ApiKey>(StringComparer.Ordinal);
        foreach (var options in accounts)
        {
            var account = new Account(options.Id, new Dictionary<string, ModelLimits>(options.Limits, StringComparer.Ordinal));
            foreach (var key in options.Keys)
            {
                configured.Add(key.Secret, new ApiKey(key.Alias, account));
            }
        }

        _configured = configured.GetAlternateLookup<ReadOnlySpan<char>>();
        _implicitLookup = _implicit.GetAlternateLookup<ReadOnlySpan<char>>();
        _implicitMode = configured.Count == 0;
    }

    /// <summary>The key for a bearer secret, or null (401).</summary>
    public ApiKey? Find(ReadOnlySpan<char> secret)
    {
        if (!_implicitMode)
        {
            return _configured.TryGetValue(secret, out var key) ? key : null;
        }

        if (secret.Length <= ImplicitPrefix.Length || !secret.StartsWith(ImplicitPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        if (_implicitLookup.TryGetValue(secret, out var known))
        {
            return known;
        }

        var created = CreateImplicit(secret);
        return _implicit.GetOrAdd(secret.ToString(), created);
    }

    /// <summary><c>org_</c>/<c>key_</c> plus the first 12 hex digits of the secret's SHA-256.</summary>
    internal static ApiKey CreateImplicit(ReadOnlySpan<char> secret)
    {
        Span<byte> utf8 = secret.Length <= 256 ? stackalloc byte[secret.Length * 3] : new byte[Encoding.UTF8.GetMaxByteCount(secret.Length)];
        var length = Encoding.UTF8.GetBytes(secret, utf8);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], digest);
        var hex = Convert.ToHexStringLower(digest[..6]);
        return new ApiKey("key_" + hex, new Account("org_" + hex, NoLimits));
    }
}
