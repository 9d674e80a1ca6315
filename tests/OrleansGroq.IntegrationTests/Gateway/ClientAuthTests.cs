using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Gateway;

public sealed class ClientAuthTests : IAsyncLifetime
{
    private const string Token = "og-test-token-for-tenant-acme";
    private const string UpstreamSecret = "gsk_test_client_auth_key";
    private static readonly TestKey Key = new("k1", "org_auth", UpstreamSecret);
    private TestUpstream _upstream = null!;

    public async Task InitializeAsync() =>
        _upstream = await TestUpstream.StartAsync([Key], new Dictionary<string, string>
        {
            ["Gateway:Auth:Tokens:0:Tenant"] = "acme",
            ["Gateway:Auth:Tokens:0:Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Token))),
        });

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    [InlineData("Bearer " + UpstreamSecret)]
    [InlineData("Basic b2c6dGVzdA==")]
    public async Task A_missing_or_wrong_token_gets_an_openai_shaped_401(string? authorization)
    {
        using var request = ChatBodies.Post(ChatBodies.Simple());
        if (authorization is not null)
        {
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        using var response = await _upstream.Gateway.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = await response.ErrorAsync();
        Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
        Assert.DoesNotContain(UpstreamSecret, error.GetProperty("message").GetString()!, StringComparison.Ordinal);
        Assert.Equal(0, _upstream.Emulator.Control.GetStats().Totals.Requests);
    }

    [Fact]
    public async Task A_configured_token_is_accepted()
    {
        using var request = ChatBodies.Post(ChatBodies.Simple());
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        using var response = await _upstream.Gateway.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Health_needs_no_token()
    {
        using var live = await _upstream.Gateway.Http.GetAsync("health/live");
        using var ready = await _upstream.Gateway.Http.GetAsync("health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }
}
