using Orleans.Runtime;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Grains.Keys;
using OrleansGroq.Tests.Silos;

namespace OrleansGroq.Tests.Keys;

/// <summary>The cluster's key grains, one per configured key, shared by every silo of a test, and the silos' boards they tell.</summary>
internal sealed class StandInKeyGrains
{
    private readonly Dictionary<string, StandInApiKeyGrain> _grains;
    private readonly Dictionary<SiloAddress, ApiKeyStatusBoard> _boards = [];
    private readonly StandInMembership _membership;

    public StandInKeyGrains(IEnumerable<ApiKeyInfo> keys, StandInMembership membership, TimeProvider clock)
    {
        _membership = membership;
        var defaultCooldown = new ApiKeyPoolOptions().DefaultCooldown;
        _grains = keys.ToDictionary(key => key.Alias, key => new StandInApiKeyGrain(key, this, clock, defaultCooldown), StringComparer.Ordinal);
        Factory = StubGrainFactory.Create((type, alias) => type == typeof(IApiKeyGrain)
            ? this[alias]
            : throw new NotSupportedException($"Only key grains are stood in for, not {type.Name}."));
    }

    public IGrainFactory Factory { get; }

    /// <summary>Every report any silo sent to a key grain.</summary>
    public int Reports => _grains.Values.Sum(grain => grain.Reports);

    public StandInApiKeyGrain this[string alias] =>
        _grains.TryGetValue(alias, out var grain) ? grain : throw new InvalidOperationException($"No API key has the alias '{alias}'.");

    /// <summary>Makes <paramref name="board"/> the one a key grain tells at <paramref name="silo"/>, as its grain service is.</summary>
    public void AddBoard(SiloAddress silo, ApiKeyStatusBoard board) => _boards[silo] = board;

    /// <summary>Tells the board of every silo in the membership that is not dead, as <c>ApiKeyGrain</c> does.</summary>
    public async Task TellAsync(ApiKeyStatus status)
    {
        foreach (var member in _membership.CurrentSnapshot.Members.Values.Where(member => member.Status != SiloStatus.Dead))
        {
            if (_boards.TryGetValue(member.SiloAddress, out var board))
            {
                await board.StatusChangedAsync(status);
            }
        }
    }
}
