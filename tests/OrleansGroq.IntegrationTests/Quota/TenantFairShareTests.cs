using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Quota;

/// <summary>Per-tenant limits: a tenant that used its share is refused, the others go on.</summary>
public sealed class TenantFairShareTests : IAsyncLifetime
{
    private const string BusyToken = "og-test-token-for-tenant-busy";
    private const string QuietToken = "og-test-token-for-tenant-quiet";
    private static readonly TestKey Key = new("fair-a", "org_fair", "gsk_test_fair_share_key");

    private TestUpstream _upstream = null!;

    public async Task InitializeAsync() =>
        _upstream = await TestUpstream.StartAsync([Key], new Dictionary<string, string>
        {
            ["Gateway:Auth:Tokens:0:Tenant"] = "busy",
            ["Gateway:Auth:Tokens:0:Sha256"] = Hash(BusyToken),
            ["Gateway:Auth:Tokens:1:Tenant"] = "quiet",
            ["Gateway:Auth:Tokens:1:Sha256"] = Hash(QuietToken),
            ["Quota:Tenants:busy:Rpm"] = "3",
            ["Quota:SafetyMargin"] = "0",
        });

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task A_tenant_over_its_own_rpm_gets_a_429_with_retry_after_while_another_tenant_is_served()
    {
        var busy = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var served = await SendAsync(BusyToken);
            busy.Add(served.StatusCode);
        }

        using var refused = await SendAsync(BusyToken);
        var error = await refused.ErrorAsync();
        using var quiet = await SendAsync(QuietToken);

        Assert.All(busy, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("tenant_rate_limit_exceeded", error.GetProperty("code").GetString());
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.OK, quiet.StatusCode);
        Assert.Equal(4, _upstream.Emulator.Control.GetStats().Totals.Requests);
    }

    private Task<HttpResponseMessage> SendAsync(string token)
    {
        var request = ChatBodies.Post(ChatBodies.Simple());
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("x-orleansgroq-max-wait-ms", "0");
        return _upstream.Gateway.Http.SendAsync(request);
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
