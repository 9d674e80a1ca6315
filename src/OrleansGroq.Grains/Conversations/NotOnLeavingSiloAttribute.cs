using Orleans.Placement;

namespace OrleansGroq.Grains.Conversations;

/// <summary>Places a grain on any silo but a leaving one (<see cref="ConversationHandover"/>), while another can take it.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
internal sealed class NotOnLeavingSiloAttribute() : PlacementFilterAttribute(new NotOnLeavingSilo());
