using System.Net;
using System.Runtime.CompilerServices;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Gateway;

/// <summary>
/// A gateway that served API requests and was disposed leaves nothing of itself reachable. This suite starts hundreds
/// of gateways in one process: one that stayed reachable (its silo, caches and metrics with it, about 50 MB) took the
/// test host past 12 GB and to the OOM killer.
/// </summary>
public sealed class HostReleaseTests
{
    private static readonly TestKey Key = new("k1", "org_release", "gsk_test_host_release_key");

    [Fact]
    public async Task A_disposed_gateway_is_collected()
    {
        var services = await ServeAndDisposeAsync();

        await Polling.UntilAsync(
            () =>
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                return Task.FromResult(!services.IsAlive);
            },
            "the disposed gateway's service provider is collected");
    }

    // Not inlined, so that no local of the caller's frame keeps the gateway reachable.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> ServeAndDisposeAsync()
    {
        await using var upstream = await TestUpstream.StartAsync([Key]);
        using (var response = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple())))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        return new WeakReference(upstream.Gateway.Services);
    }
}
