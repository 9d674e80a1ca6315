using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Tests.Silos;

namespace OrleansGroq.Tests.Keys;

/// <summary>The cluster's key grains, one per configured key, shared by every silo of a test.</summary>
internal sealed class StandInKeyGrains
{
    private readonly Dictionary<string, StandInApiKeyGrain> _grains;

    public StandInKeyGrains(IEnumerable<ApiKeyInfo> keys, TimeProvider clock)
    {
        var defaultCooldown = new ApiKeyPoolOptions().DefaultCooldown;
        _grains = keys.ToDictionary(key => key.Alias, key => new StandInApiKeyGrain(key, clock, defaultCooldown), StringComparer.Ordinal);
        Factory = StubGrainFactory.Create((type, alias) => type == typeof(IApiKeyGrain)
            ? this[alias]
            : throw new NotSupportedException($"Only key grains are stood in for, not {type.Name}."));
    }

    public IGrainFactory Factory { get; }

    /// <summary>Every report any silo sent to a key grain.</summary>
    public int Reports => _grains.Values.Sum(grain => grain.Reports);

    public StandInApiKeyGrain this[string alias] =>
        _grains.TryGetValue(alias, out var grain) ? grain : throw new InvalidOperationException($"No API key has the alias '{alias}'.");
}
