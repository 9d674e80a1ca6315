using Orleans.Runtime;

namespace OrleansGroq.Tests.Silos;

/// <summary>A test silo's own address, as the runtime gives it to the services of a silo.</summary>
internal sealed class StandInSiloDetails(SiloAddress silo) : ILocalSiloDetails
{
    public string Name => silo.ToString();

    public string ClusterId => "test";

    public string DnsHostName => "localhost";

    public SiloAddress SiloAddress => silo;

    public SiloAddress GatewayAddress => silo;
}
