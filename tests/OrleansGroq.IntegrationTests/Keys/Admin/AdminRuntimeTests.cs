using System.Text.Json;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Keys.Admin;

public sealed class AdminRuntimeTests
{
    [Fact]
    public async Task Each_node_counts_its_own_activations_when_a_process_holds_several()
    {
        TestKey[] keys = [.. Enumerable.Range(0, 5).Select(i => new TestKey($"k{i}", $"org_{i}", $"gsk_test_admin_runtime_{i}"))];
        await using var small = await TestUpstream.StartAsync(keys[..2]);
        await using var large = await TestUpstream.StartAsync(keys);

        // Every key grain is activated at start.
        Assert.Equal(2, await KeyActivationsAsync(small.Gateway));
        Assert.Equal(5, await KeyActivationsAsync(large.Gateway));
        Assert.Equal(2, await KeyActivationsAsync(small.Gateway));
    }

    private static async Task<int> KeyActivationsAsync(GatewayHost gateway)
    {
        using var json = JsonDocument.Parse(await gateway.Http.GetStringAsync("admin/runtime"));
        return json.RootElement.GetProperty("activations").GetProperty("ApiKeyGrain").GetInt32();
    }
}
