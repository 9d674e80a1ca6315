using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Batches;

/// <summary>A <c>Batches</c> setting that cannot work stops the gateway at start, with a message naming it.</summary>
public sealed class BatchesSettingsTests
{
    private static readonly TestKey Key = new("k1", "org_settings", "gsk_test_batches_settings_key");

    [Theory]
    [InlineData("Batches:Parallelism", "0")]
    [InlineData("Batches:ReminderPeriod", "00:00:00")]
    [InlineData("Batches:Mode", "openai")]
    [InlineData("Batches:MaxFileBytes", "0")]
    [InlineData("Batches:UpstreamTimeout", "00:00:00")]
    public async Task An_unusable_setting_stops_the_gateway_naming_it(string setting, string value)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() =>
            GatewayHost.StartAsync(ClosedPort.Upstream(), [Key], new Dictionary<string, string> { [setting] = value }));

        // A mode the enum does not name fails its binding, a bad number its validation: either names the setting.
        Assert.True(error is InvalidOperationException or Microsoft.Extensions.Options.OptionsValidationException, error.ToString());
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }
}
