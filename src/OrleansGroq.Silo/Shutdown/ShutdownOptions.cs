namespace OrleansGroq.Silo.Shutdown;

/// <summary>
/// How a node stops on SIGTERM, bound from the configuration section <c>Shutdown</c>. The host's own
/// <c>HostOptions.ShutdownTimeout</c> is set to their sum, and a supervisor's grace period (Kubernetes'
/// <c>terminationGracePeriodSeconds</c>) must cover it too, or the node is killed before it has left the cluster.
/// </summary>
public sealed class ShutdownOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Shutdown";

    /// <summary>
    /// How long requests already in progress, streams included, may run on after the stop began; new requests are
    /// refused from its first moment. A request still running at the end is cut off. Within the same time the
    /// conversations active on this silo end their turns, other nodes' included, and leave it.
    /// </summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the silo then has to leave the cluster: deactivate its grains, which the other silos activate again at
    /// their next call, and mark itself dead in the membership table. Past it the silo stops without finishing.
    /// </summary>
    public TimeSpan LeaveTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
