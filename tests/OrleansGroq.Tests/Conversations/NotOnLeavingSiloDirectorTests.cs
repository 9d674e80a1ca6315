using System.Net;
using Orleans.Runtime;
using Orleans.Runtime.Placement;
using OrleansGroq.Grains.Conversations;

namespace OrleansGroq.Tests.Conversations;

/// <summary>A leaving silo takes itself out of the candidates for a conversation's placement, unless it is the only one.</summary>
public sealed class NotOnLeavingSiloDirectorTests
{
    private static readonly SiloAddress Local = Silo(11111);
    private static readonly SiloAddress Other = Silo(11112);
    private static readonly SiloAddress Third = Silo(11113);

    private readonly ConversationHandover _handover = new();
    private readonly NotOnLeavingSiloDirector _director;

    public NotOnLeavingSiloDirectorTests() => _director = new NotOnLeavingSiloDirector(_handover, new LocalSilo(Local));

    [Fact]
    public void A_silo_that_is_not_leaving_keeps_every_candidate()
    {
        Assert.Equal([Local, Other, Third], Filter(Local, Other, Third));
    }

    [Fact]
    public async Task A_leaving_silo_is_no_candidate()
    {
        await _handover.HandOverAsync(CancellationToken.None);

        Assert.Equal([Other, Third], Filter(Local, Other, Third));
    }

    [Fact]
    public async Task A_leaving_silo_alone_in_its_cluster_stays_the_candidate()
    {
        await _handover.HandOverAsync(CancellationToken.None);

        Assert.Equal([Local], Filter(Local));
    }

    private SiloAddress[] Filter(params SiloAddress[] silos) => [.. _director.Filter(new NotOnLeavingSilo(), default(PlacementTarget), silos)];

    private static SiloAddress Silo(int port) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 1);

    private sealed class LocalSilo(SiloAddress address) : ILocalSiloDetails
    {
        public string Name => "local";

        public string ClusterId => "test";

        public string DnsHostName => "localhost";

        public SiloAddress SiloAddress => address;

        public SiloAddress GatewayAddress => address;
    }
}
