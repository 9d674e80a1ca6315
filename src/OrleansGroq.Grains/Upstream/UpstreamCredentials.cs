using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Keys;

namespace OrleansGroq.Grains.Upstream;

/// <summary>The secret behind each key alias, kept apart from everything that gets logged or shown.</summary>
public sealed class UpstreamCredentials(IOptions<ApiKeyPoolOptions> options)
{
    private readonly FrozenDictionary<string, UpstreamCredential> _byAlias =
        options.Value.Keys.ToFrozenDictionary(k => k.Alias, k => new UpstreamCredential(k.Alias, k.Secret), StringComparer.Ordinal);

    public UpstreamCredential For(ApiKeyInfo key) => _byAlias[key.Alias];
}
