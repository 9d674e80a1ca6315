using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using OrleansGroq.IntegrationTests.Infrastructure;
using static OrleansGroq.IntegrationTests.FailureMatrix.MatrixModels;

namespace OrleansGroq.IntegrationTests.FailureMatrix;

/// <summary>The response cache as a client sees it: deterministic answers once per tenant.</summary>
public sealed class ResponseCacheOverHttpTests : IAsyncLifetime
{
    private const string AcmeToken = "og-test-token-for-tenant-acme";
    private const string GlobexToken = "og-test-token-for-tenant-globex";
    private static readonly TestKey A = new("cache-a", "org_cache_a", "gsk_test_matrix_cache_account_a");

    private const string Deterministic =
        """{"model":"llama-3.1-8b-instant","temperature":0,"max_tokens":16,"messages":[{"role":"user","content":"Say hello."}]}""";

    private TestUpstream _upstream = null!;

    public async Task InitializeAsync() =>
        _upstream = await TestUpstream.StartAsync([A], new Dictionary<string, string>
        {
            ["Gateway:Auth:Tokens:0:Tenant"] = "acme",
            ["Gateway:Auth:Tokens:0:Sha256"] = Hash(AcmeToken),
            ["Gateway:Auth:Tokens:1:Tenant"] = "globex",
            ["Gateway:Auth:Tokens:1:Sha256"] = Hash(GlobexToken),
        });

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task A_deterministic_request_is_answered_from_the_cache_the_second_time()
    {
        using var first = await SendAsync(Deterministic, AcmeToken);
        using var second = await SendAsync(Deterministic, AcmeToken);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("miss", first.Header("x-orleansgroq-cache"));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("hit", second.Header("x-orleansgroq-cache"));
        Assert.Equal(Speed, second.Header("x-orleansgroq-model"));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(1, _upstream.Emulator.Control.GetStats().Totals.Requests);
    }

    [Fact]
    public async Task Another_tenant_does_not_get_a_cached_answer()
    {
        using var acme = await SendAsync(Deterministic, AcmeToken);
        using var globex = await SendAsync(Deterministic, GlobexToken);

        Assert.Equal("miss", acme.Header("x-orleansgroq-cache"));
        Assert.Equal(HttpStatusCode.OK, globex.StatusCode);
        Assert.Equal("miss", globex.Header("x-orleansgroq-cache"));
        Assert.Equal(2, _upstream.Emulator.Control.GetStats().Totals.Requests);
    }

    [Theory]
    [InlineData("""{"model":"llama-3.1-8b-instant","max_tokens":16,"messages":[{"role":"user","content":"Say hello."}]}""")]
    [InlineData("""{"model":"llama-3.1-8b-instant","temperature":0.7,"max_tokens":16,"messages":[{"role":"user","content":"Say hello."}]}""")]
    [InlineData("""{"model":"llama-3.1-8b-instant","temperature":0,"stream":true,"max_tokens":16,"messages":[{"role":"user","content":"Say hello."}]}""")]
    public async Task Random_or_streamed_requests_are_never_cached(string body)
    {
        using var first = await SendAsync(body, AcmeToken);
        using var second = await SendAsync(body, AcmeToken);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("", second.Header("x-orleansgroq-cache"));
        Assert.Equal(2, _upstream.Emulator.Control.GetStats().Totals.Requests);
    }

    private Task<HttpResponseMessage> SendAsync(string body, string token)
    {
        var request = ChatBodies.Post(body);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _upstream.Gateway.Http.SendAsync(request);
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
