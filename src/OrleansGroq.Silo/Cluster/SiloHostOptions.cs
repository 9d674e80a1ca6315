using System.Net;

namespace OrleansGroq.Silo.Cluster;

/// <summary>
/// How this process joins the cluster as a silo, bound from the configuration section <c>Orleans</c>
/// (<c>Orleans__SiloPort</c> and so on in the environment). Several silos on one machine take distinct ports.
/// </summary>
public sealed class SiloHostOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Orleans";

    /// <summary>The variable Kubernetes sets in every container it starts: the API server's address.</summary>
    internal const string KubernetesServiceHostVariable = "KUBERNETES_SERVICE_HOST";

    /// <summary>The cluster this silo joins: silos with the same id and storage form one cluster.</summary>
    public string ClusterId { get; set; } = "orleansgroq";

    /// <summary>The service the cluster runs; grain state is stored under it, so it outlives cluster ids (deployments).</summary>
    public string ServiceId { get; set; } = "orleansgroq";

    /// <summary>The port silos talk to each other on.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port Orleans clients (the .NET cluster client) connect to.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The address other silos reach this one at. Loopback by default, which serves one machine; a cluster across
    /// machines sets the address the others reach this one at.
    /// </summary>
    public string? AdvertisedIPAddress { get; set; }

    /// <summary>The silo's name in membership and the admin routes; by default the machine name and silo port.</summary>
    public string? SiloName { get; set; }

    /// <summary>
    /// Whether the silo runs as a Kubernetes pod (Microsoft.Orleans.Hosting.Kubernetes): it takes its pod's name
    /// (<c>POD_NAME</c>) as its silo name and advertises its pod's IP (<c>POD_IP</c>), labels its pod with the cluster and
    /// service ids, and declares dead the silos whose pods were deleted. Unset, it is on where Kubernetes started the
    /// process (every pod has <c>KUBERNETES_SERVICE_HOST</c>). It takes a database: without one the silo is a cluster of one.
    /// </summary>
    public bool? KubernetesHosting { get; set; }

    /// <summary>Whether <see cref="KubernetesHosting"/> is on, given the process's configuration (its environment included).</summary>
    internal bool RunsInKubernetes(IConfiguration configuration) =>
        KubernetesHosting ?? !string.IsNullOrEmpty(configuration[KubernetesServiceHostVariable]);

    /// <summary>The advertised address as an <see cref="IPAddress"/>.</summary>
    /// <exception cref="InvalidOperationException">The setting is not an IP address.</exception>
    internal IPAddress AdvertisedAddress() =>
        AdvertisedIPAddress is not { Length: > 0 } text ? IPAddress.Loopback
        : IPAddress.TryParse(text, out var address) ? address
        : throw new InvalidOperationException($"{SectionName}:AdvertisedIPAddress must be an IP address; '{text}' is not.");
}
