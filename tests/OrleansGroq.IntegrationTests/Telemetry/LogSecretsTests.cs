using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Telemetry;

/// <summary>
/// Every gateway the suite starts has its log searched for its configured secrets as it stops (<see cref="GatewayHost"/>):
/// this shows that search catches a secret that got into the log.
/// </summary>
public sealed class LogSecretsTests
{
    private static readonly TestKey Key = new("leak-a", "org_leak", "gsk_test_secret_that_must_not_be_logged");

    [Fact]
    public async Task A_gateway_that_logged_a_configured_secret_fails_its_test_as_it_stops()
    {
        var gateway = await GatewayHost.StartAsync(ClosedPort.Upstream(), [Key], mapTestRoutes: app =>
            app.MapGet("/test/leak", (ILoggerFactory logs) => logs.CreateLogger("OrleansGroq.Test").LogWarning("Sent with {Secret}", Key.Secret)));
        using (var leaked = await gateway.Http.GetAsync("test/leak"))
        {
            Assert.Equal(StatusCodes.Status200OK, (int)leaked.StatusCode);
        }

        var caught = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => gateway.DisposeAsync().AsTask());

        Assert.DoesNotContain(Key.Secret, caught.Message, StringComparison.Ordinal);
    }
}
