using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace OrleansGroq.Grains.Conversations;

/// <summary>
/// Takes this silo out of the candidates for a placement while it hands its conversations over. Only this silo knows
/// it is leaving, and its own placements matter most: the calls held by a conversation that deactivated to leave it
/// are sent on, and placed, from here. Placements on other silos may still choose it until it leaves the cluster;
/// such an activation leaves again once idle. A silo alone in its cluster keeps its candidates, so that placement
/// does not fail.
/// </summary>
internal sealed class NotOnLeavingSiloDirector(ConversationHandover handover, ILocalSiloDetails local) : IPlacementFilterDirector
{
    public IEnumerable<SiloAddress> Filter(PlacementFilterStrategy filterStrategy, PlacementTarget target, IEnumerable<SiloAddress> silos)
    {
        if (!handover.IsLeaving)
        {
            return silos;
        }

        var others = silos.Where(silo => !silo.Equals(local.SiloAddress)).ToList();
        return others.Count > 0 ? others : silos;
    }
}
