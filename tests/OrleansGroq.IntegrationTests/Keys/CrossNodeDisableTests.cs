using System.Diagnostics;
using System.Net;
using OrleansGroq.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansGroq.IntegrationTests.Keys;

public sealed class CrossNodeDisableTests(ITestOutputHelper output)
{
    private static readonly TestKey Good = new("good", "org_good", "gsk_test_cross_node_good_key");

    // The emulator does not know it: it answers 401 invalid_api_key.
    private static readonly TestKey Revoked = new("revoked", "org_revoked", "gsk_test_cross_node_revoked_key");

    [Fact]
    public async Task A_401_on_one_node_disables_the_key_on_the_other_which_never_tries_it()
    {
        await using var cluster = await KeyCluster.StartAsync([Good], [Good, Revoked]);
        var (nodeA, nodeB) = (cluster.Nodes[0], cluster.Nodes[1]);
        var session = KeyCluster.SessionPreferring(nodeA, Revoked.Alias);

        using var response = await nodeA.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple(), session));
        var elapsed = await Polling.UntilAsync(() => KeyCluster.Pool(nodeB).GetStatus(Revoked.Alias).Disabled, Stopwatch.StartNew(), TimeSpan.Zero, "node B disables the key");
        output.WriteLine($"'revoked' disabled on node B {elapsed.TotalMilliseconds:F1} ms after node A's response returned.");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Good.Alias, response.Header("x-orleansgroq-key"));
        Assert.Equal(2, response.Attempts());
        for (var i = 0; i < 8; i++)
        {
            using var onNodeB = await nodeB.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple(), i == 0 ? session : $"other-{i}"));
            Assert.Equal(Good.Alias, onNodeB.Header("x-orleansgroq-key"));
            Assert.Equal(1, onNodeB.Attempts());
        }

        Assert.Equal(1, cluster.Emulator.Control.GetStats().Unauthorized);
    }
}
