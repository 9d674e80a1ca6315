using Microsoft.Extensions.Options;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Gateway;

/// <summary>A pipeline setting that cannot work stops the gateway at start, with a message naming it.</summary>
public sealed class PipelineSettingsTests
{
    private static readonly TestKey Key = new("k1", "org_settings", "gsk_test_pipeline_settings_key");

    [Theory]
    [InlineData("Gateway:Cors:AllowedOrigins:0", "*", "Gateway:Cors:AllowedOrigins")]
    [InlineData("Gateway:Cors:AllowedOrigins:0", "https://console.example.com/app", "Gateway:Cors:AllowedOrigins")]
    [InlineData("Gateway:Concurrency:Limit", "0", "Gateway:Concurrency:Limit")]
    [InlineData("Gateway:Concurrency:QueueLimit", "-1", "Gateway:Concurrency:QueueLimit")]
    public async Task An_unusable_setting_stops_the_gateway_naming_it(string setting, string value, string named)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            GatewayHost.StartAsync(ClosedPort.Upstream(), [Key], new Dictionary<string, string> { [setting] = value }));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
