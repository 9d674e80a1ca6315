using System.Text.Json;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Keys.Admin;

public sealed class AdminRuntimeTests
{
    [Fact]
    public async Task Each_cluster_counts_its_own_silos_activations_when_a_process_holds_several()
    {
        TestKey[] keys = [.. Enumerable.Range(0, 5).Select(i => new TestKey($"k{i}", $"org_{i}", $"gsk_test_admin_runtime_{i}"))];
        await using var small = await TestUpstream.StartAsync(keys[..2]);
        await using var large = await TestUpstream.StartAsync(keys);

        // Every key grain is activated at start, when the silo's board subscribes to it.
        Assert.Equal(2, await KeyActivationsAsync(small.Gateway));
        Assert.Equal(5, await KeyActivationsAsync(large.Gateway));
        Assert.Equal(2, await KeyActivationsAsync(small.Gateway));
    }

    private static async Task<int> KeyActivationsAsync(GatewayHost gateway)
    {
        using var json = JsonDocument.Parse(await gateway.Http.GetStringAsync("admin/runtime"));
        var silo = Assert.Single(json.RootElement.GetProperty("silos").EnumerateArray());
        return silo.GetProperty("activations").GetProperty("ApiKeyGrain").GetInt32();
    }

    [Fact]
    public async Task The_cluster_route_lists_the_gateway_itself_as_one_active_silo()
    {
        await using var upstream = await TestUpstream.StartAsync([new TestKey("k0", "org_0", "gsk_test_admin_cluster_0")]);

        using var json = JsonDocument.Parse(await upstream.Gateway.Http.GetStringAsync("admin/cluster"));

        var silo = Assert.Single(json.RootElement.GetProperty("silos").EnumerateArray());
        Assert.Equal("Active", silo.GetProperty("status").GetString());
        Assert.StartsWith("S127.0.0.1:", silo.GetProperty("address").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(silo.GetProperty("name").GetString()));
    }
}
