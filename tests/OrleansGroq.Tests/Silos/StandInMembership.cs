using System.Collections.Immutable;
using System.Net;
using System.Threading.Channels;
using Orleans.Runtime;

namespace OrleansGroq.Tests.Silos;

/// <summary>
/// The cluster's membership as the silos of a test see it: every silo active until a test declares one dead. Each
/// subscriber hears of a change before <see cref="DeclareDead"/> returns, as long as what it does with it completes
/// synchronously.
/// </summary>
internal sealed class StandInMembership : IClusterMembershipService
{
    private readonly List<Channel<ClusterMembershipSnapshot>> _subscribers = [];

    public ClusterMembershipSnapshot CurrentSnapshot { get; private set; } =
        new(ImmutableDictionary<SiloAddress, ClusterMember>.Empty, new MembershipVersion(1));

    public IAsyncEnumerable<ClusterMembershipSnapshot> MembershipUpdates
    {
        get
        {
            var channel = Channel.CreateUnbounded<ClusterMembershipSnapshot>(new UnboundedChannelOptions { AllowSynchronousContinuations = true });
            channel.Writer.TryWrite(CurrentSnapshot);
            _subscribers.Add(channel);
            return channel.Reader.ReadAllAsync();
        }
    }

    /// <summary>Adds an active silo, and returns its address.</summary>
    public SiloAddress Join()
    {
        var silo = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111 + CurrentSnapshot.Members.Count), 1);
        Publish(silo, SiloStatus.Active);
        return silo;
    }

    public void DeclareDead(SiloAddress silo) => Publish(silo, SiloStatus.Dead);

    public ValueTask Refresh(MembershipVersion minimumVersion = default, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public Task<bool> TryKill(SiloAddress siloAddress) => throw new NotSupportedException("Tests declare silos dead themselves.");

    private void Publish(SiloAddress silo, SiloStatus status)
    {
        var current = CurrentSnapshot;
        CurrentSnapshot = new(current.Members.SetItem(silo, new ClusterMember(silo, status, silo.ToString())), new MembershipVersion(current.Version.Value + 1));
        foreach (var subscriber in _subscribers)
        {
            subscriber.Writer.TryWrite(CurrentSnapshot);
        }
    }
}
