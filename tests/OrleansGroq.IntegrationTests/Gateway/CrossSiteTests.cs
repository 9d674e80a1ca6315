using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Gateway;

/// <summary>
/// A web page cannot spend the keys: the requests a page on another site can send without a CORS preflight are refused
/// before anything reads them, in loopback-only mode (where any page open on the gateway's machine reaches it) and with
/// client tokens alike. Only origins listed in <c>Gateway:Cors:AllowedOrigins</c> are served, with CORS headers.
/// </summary>
public sealed class CrossSiteTests
{
    private const string Token = "og-test-token-for-tenant-browser";
    private const string Evil = "https://evil.example";
    private const string ConsoleOrigin = "https://console.example.com";
    private static readonly TestKey Key = new("k1", "org_browser", "gsk_test_cross_site_key");

    public static TheoryData<string, string> Modes => new()
    {
        { "loopback-only", "text/plain" },
        { "loopback-only", "application/x-www-form-urlencoded" },
        { "tokens", "text/plain" },
        { "tokens", "application/x-www-form-urlencoded" },
    };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_cross_site_post_that_needs_no_preflight_is_refused_without_an_upstream_call(string mode, string contentType)
    {
        await using var upstream = await StartAsync(mode);
        using var request = Chat(mode, contentType == "text/plain" ? ChatBodies.Simple() : "messages=hi&model=speed", contentType);
        request.Headers.Add("Origin", Evil);

        using var response = await upstream.Gateway.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var error = await response.ErrorAsync();
        Assert.Equal("cross_site_request_refused", error.GetProperty("code").GetString());
        Assert.Contains(Evil, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(response.Header("x-request-id"));
        Assert.Equal(0, upstream.Emulator.Control.GetStats().Totals.Requests);
    }

    [Theory]
    [InlineData("cross-site")]
    [InlineData("same-site")]
    public async Task A_request_the_browser_marks_as_from_another_site_is_refused_even_without_an_origin(string site)
    {
        await using var upstream = await StartAsync("loopback-only");
        using var request = new HttpRequestMessage(HttpMethod.Post, "admin/runtime/collect");
        request.Headers.Add("Sec-Fetch-Site", site);

        using var response = await upstream.Gateway.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("cross_site_request_refused", (await response.ErrorAsync()).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("same-origin", true)]
    [InlineData("none", false)]
    public async Task The_gateways_own_pages_and_typed_urls_are_served(string site, bool sendOrigin)
    {
        await using var upstream = await StartAsync("loopback-only");
        using var request = Chat("loopback-only", ChatBodies.Simple(), "application/json");
        request.Headers.Add("Sec-Fetch-Site", site);
        if (sendOrigin)
        {
            request.Headers.Add("Origin", upstream.Gateway.BaseAddress.GetLeftPart(UriPartial.Authority));
        }

        using var response = await upstream.Gateway.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("loopback-only")]
    [InlineData("tokens")]
    public async Task A_listed_origin_is_served_with_cors_headers_and_its_preflight_answered(string mode)
    {
        await using var upstream = await StartAsync(mode, allowConsole: true);
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "openai/v1/chat/completions");
        preflight.Headers.Add("Origin", ConsoleOrigin);
        preflight.Headers.Add("Sec-Fetch-Site", "cross-site");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        using var request = Chat(mode, ChatBodies.Simple(), "application/json");
        request.Headers.Add("Origin", ConsoleOrigin);
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        using var preflighted = await upstream.Gateway.Http.SendAsync(preflight);
        using var response = await upstream.Gateway.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, preflighted.StatusCode);
        Assert.Equal(ConsoleOrigin, preflighted.Header("Access-Control-Allow-Origin"));
        Assert.Contains("POST", preflighted.Header("Access-Control-Allow-Methods"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ConsoleOrigin, response.Header("Access-Control-Allow-Origin"));
        Assert.Contains("x-request-id", response.Header("Access-Control-Expose-Headers"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_unlisted_origins_preflight_is_refused()
    {
        await using var upstream = await StartAsync("loopback-only", allowConsole: true);
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "openai/v1/chat/completions");
        preflight.Headers.Add("Origin", Evil);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");

        using var response = await upstream.Gateway.Http.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("", response.Header("Access-Control-Allow-Origin"));
    }

    private static Task<TestUpstream> StartAsync(string mode, bool allowConsole = false)
    {
        var settings = new Dictionary<string, string>();
        if (mode == "tokens")
        {
            settings["Gateway:Auth:Tokens:0:Tenant"] = "browser";
            settings["Gateway:Auth:Tokens:0:Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Token)));
        }

        if (allowConsole)
        {
            settings["Gateway:Cors:AllowedOrigins:0"] = ConsoleOrigin + "/";
        }

        return TestUpstream.StartAsync([Key], settings);
    }

    private static HttpRequestMessage Chat(string mode, string body, string contentType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "openai/v1/chat/completions") { Content = new StringContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (mode == "tokens")
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        }

        return request;
    }
}
