using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OrleansGroq.IntegrationTests.Infrastructure;
using OrleansGroq.Silo.Admin;

namespace OrleansGroq.IntegrationTests.Keys.Admin;

public sealed class AdminAuthTests
{
    private const string AdminToken = "og-admin-token-for-the-admin-tests";
    private const string ClientToken = "og-client-token-for-the-admin-tests";
    private static readonly TestKey Key = new("k1", "org_admin", "gsk_test_admin_auth_key");

    [Theory]
    [InlineData("admin/keys")]
    [InlineData("admin/runtime")]
    [InlineData("admin/cluster")]
    public async Task With_a_token_configured_a_caller_with_it_is_admitted(string path)
    {
        await using var upstream = await TestUpstream.StartAsync([Key], WithAdminToken());

        using var response = await SendAsync(upstream.Gateway, path, "Bearer " + AdminToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Object, body.RootElement.ValueKind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    [InlineData("Bearer " + ClientToken)]
    [InlineData("Bearer " + AdminToken + "x")]
    [InlineData("Basic b2c6dGVzdA==")]
    public async Task With_a_token_configured_a_loopback_caller_without_it_gets_an_openai_shaped_401(string? authorization)
    {
        await using var upstream = await TestUpstream.StartAsync([Key], WithAdminToken());

        foreach (var path in new[] { "admin/keys", "admin/runtime", "admin/cluster", "admin/dashboard/" })
        {
            using var response = await SendAsync(upstream.Gateway, path, authorization);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var error = await response.ErrorAsync();
            Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
            Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
            Assert.Contains("Gateway:Admin:TokenSha256", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task With_a_token_configured_the_orleans_dashboard_serves_a_caller_with_it()
    {
        await using var upstream = await TestUpstream.StartAsync([Key], WithAdminToken());

        using var response = await SendAsync(upstream.Gateway, "admin/dashboard/", "Bearer " + AdminToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("html", response.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_token_loopback_callers_are_admitted()
    {
        await using var upstream = await TestUpstream.StartAsync([Key]);

        using var keys = await SendAsync(upstream.Gateway, "admin/keys", null);
        using var runtime = await SendAsync(upstream.Gateway, "admin/runtime", null);

        Assert.Equal(HttpStatusCode.OK, keys.StatusCode);
        Assert.Equal(HttpStatusCode.OK, runtime.StatusCode);
        using var body = JsonDocument.Parse(await runtime.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("silos")[0].GetProperty("activations").GetProperty("ApiKeyGrain").GetInt32() >= 1);
    }

    [Fact]
    public async Task Without_a_token_a_caller_elsewhere_gets_a_404_as_if_the_routes_did_not_exist()
    {
        var (status, body, reached) = await FilterAsync(tokenSha256: null, IPAddress.Parse("203.0.113.7"), authorization: "Bearer " + AdminToken);

        Assert.False(reached);
        Assert.Equal(StatusCodes.Status404NotFound, status);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("not_found", json.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task With_a_token_configured_a_caller_elsewhere_is_admitted_with_it_and_refused_without()
    {
        var remote = IPAddress.Parse("203.0.113.7");

        var admitted = await FilterAsync(Digest(AdminToken), remote, "Bearer " + AdminToken);
        var refused = await FilterAsync(Digest(AdminToken), remote, "Bearer nope");

        Assert.True(admitted.Reached);
        Assert.False(refused.Reached);
        Assert.Equal(StatusCodes.Status401Unauthorized, refused.Status);
    }

    [Theory]
    [InlineData("not-a-digest")]
    [InlineData("0123456789abcdef")]
    public async Task A_malformed_token_digest_stops_the_gateway_at_start_and_names_the_setting(string digest)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestUpstream.StartAsync([Key], new Dictionary<string, string> { ["Gateway:Admin:TokenSha256"] = digest }));

        Assert.Contains("Gateway:Admin:TokenSha256", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> WithAdminToken() => new()
    {
        ["Gateway:Admin:TokenSha256"] = Digest(AdminToken),
        ["Gateway:Auth:Tokens:0:Tenant"] = "acme",
        ["Gateway:Auth:Tokens:0:Sha256"] = Digest(ClientToken),
    };

    private static string Digest(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static Task<HttpResponseMessage> SendAsync(GatewayHost gateway, string path, string? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (authorization is not null)
        {
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        return gateway.Http.SendAsync(request);
    }

    // A caller that is not on loopback cannot be made from this machine's loopback-only test servers, so the
    // filter runs on a request context with the remote address such a caller would have.
    private static async Task<(int Status, string Body, bool Reached)> FilterAsync(string? tokenSha256, IPAddress remote, string authorization)
    {
        var filter = new AdminAuthFilter(new AdminAuthenticator(Options.Create(new AdminOptions { TokenSha256 = tokenSha256 })));
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = remote;
        http.Request.Headers.Authorization = authorization;
        using var body = new MemoryStream();
        http.Response.Body = body;

        var reached = false;
        var result = await filter.InvokeAsync(EndpointFilterInvocationContext.Create(http), _ =>
        {
            reached = true;
            return ValueTask.FromResult<object?>(Results.Empty);
        });
        await ((IResult)result!).ExecuteAsync(http);
        await http.Response.BodyWriter.FlushAsync();
        return (http.Response.StatusCode, Encoding.UTF8.GetString(body.ToArray()), reached);
    }
}
