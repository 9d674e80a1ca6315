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

    /// <summary>The advertised address as an <see cref="IPAddress"/>.</summary>
    /// <exception cref="InvalidOperationException">The setting is not an IP address.</exception>
    internal IPAddress AdvertisedAddress() =>
        AdvertisedIPAddress is not { Length: > 0 } text ? IPAddress.Loopback
        : IPAddress.TryParse(text, out var address) ? address
        : throw new InvalidOperationException($"{SectionName}:AdvertisedIPAddress must be an IP address; '{text}' is not.");
}
