using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Gateway;

/// <summary>The gateway and upstream the error pipeline tests share: their requests leave nothing behind that another reads.</summary>
public sealed class ErrorPipelineGateway : IAsyncLifetime
{
    public const int BodyLimit = 4096;

    internal TestUpstream Upstream { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Upstream = await TestUpstream.StartAsync(
            [new TestKey("k1", "org_errors", "gsk_test_error_pipeline_key")],
            new Dictionary<string, string> { ["Gateway:MaxRequestBodyBytes"] = BodyLimit.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public async Task DisposeAsync() => await Upstream.DisposeAsync();
}
