using System.Globalization;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Gateway;

/// <summary>The gateway the error pipeline tests share, with a small body limit to exceed.</summary>
public sealed class ErrorPipelineGateway() : SharedGateway(
    [new TestKey("k1", "org_errors", "gsk_test_error_pipeline_key")],
    new Dictionary<string, string> { ["Gateway:MaxRequestBodyBytes"] = BodyLimit.ToString(CultureInfo.InvariantCulture) })
{
    public const int BodyLimit = 4096;
}
