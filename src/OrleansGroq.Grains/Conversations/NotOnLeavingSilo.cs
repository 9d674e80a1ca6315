using Orleans.Placement;

namespace OrleansGroq.Grains.Conversations;

/// <summary>The placement filter of <see cref="NotOnLeavingSiloAttribute"/>; <see cref="NotOnLeavingSiloDirector"/> applies it.</summary>
internal sealed class NotOnLeavingSilo() : PlacementFilterStrategy(order: 0);
