using Orleans.Runtime;

namespace OrleansGroq.Silo.Admin;

/// <summary>Builds <c>GET /admin/cluster</c> and the activations of <c>GET /admin/runtime</c> from Orleans' management grain.</summary>
internal static class ClusterViews
{
    public static async Task<ClusterView> ReadMembershipAsync(IGrainFactory grains)
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false);
        return new ClusterView([.. hosts
            .OrderBy(host => host.SiloAddress.ToString(), StringComparer.Ordinal)
            .Select(host => new SiloView(host.SiloAddress.ToString(), host.Status.ToString(), host.SiloName))]);
    }

    public static async Task<IReadOnlyList<SiloActivations>> ReadActivationsAsync(IGrainFactory grains)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetHosts(onlyActive: true);
        var statistics = await management.GetSimpleGrainStatistics();
        return [.. hosts.Keys
            .OrderBy(silo => silo.ToString(), StringComparer.Ordinal)
            .Select(silo => new SiloActivations(
                silo.ToString(),
                statistics
                    .Where(s => s.SiloAddress.Equals(silo) && IsOurs(s.GrainType))
                    .GroupBy(s => ShortName(s.GrainType), StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount), StringComparer.Ordinal)))];
    }

    // Orleans' own grains (membership, management, the dashboard's) are not what an operator of the gateway looks for.
    private static bool IsOurs(string grainType) => grainType.StartsWith("OrleansGroq.", StringComparison.Ordinal);

    // "OrleansGroq.Grains.Keys.ApiKeyGrain,OrleansGroq.Grains" names the class; its last segment is enough.
    private static string ShortName(string grainType)
    {
        var name = grainType.Split(',')[0];
        return name[(name.LastIndexOf('.') + 1)..];
    }
}
