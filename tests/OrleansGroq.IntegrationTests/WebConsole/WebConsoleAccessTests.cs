using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using OrleansGroq.IntegrationTests.Infrastructure;
using OrleansGroq.Silo.Admin;
using OrleansGroq.Silo.WebConsole;
using static Microsoft.Playwright.Assertions;

namespace OrleansGroq.IntegrationTests.WebConsole;

/// <summary>
/// Who may load <c>/ui</c> and how its pages authenticate: without an admin token, loopback callers only (404
/// elsewhere, like <c>/admin</c>); with one, the files are served to anyone and the pages send the token the operator
/// types in as a bearer header, for <c>/admin</c> and, with the client token, for the playground. Every answer carries
/// the console's CSP.
/// </summary>
public sealed class WebConsoleAccessTests(ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
{
    private const string AdminToken = "og-admin-token-for-the-console-tests";
    private const string ClientToken = "og-client-token-for-the-console-tests";
    private static readonly TestKey Key = new("k1", "org_console_access", "gsk_test_console_access_key");

    [Theory]
    [InlineData("ui/", "text/html")]
    [InlineData("ui/app.js", "text/javascript")]
    [InlineData("ui/pages/keys.js", "text/javascript")]
    [InlineData("ui/console.css", "text/css")]
    public async Task Each_file_is_served_with_its_type_and_the_consoles_security_headers(string path, string type)
    {
        await using var upstream = await TestUpstream.StartAsync([Key]);

        using var response = await upstream.Gateway.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(WebConsoleFilter.ContentSecurityPolicy, response.Header("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", response.Header("Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Header("X-Content-Type-Options"));
        Assert.Equal("DENY", response.Header("X-Frame-Options"));
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());

        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var revalidated = await upstream.Gateway.Http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    [Fact]
    public async Task Ui_without_a_slash_redirects_to_the_index_and_an_unknown_file_is_an_openai_shaped_404()
    {
        await using var upstream = await TestUpstream.StartAsync([Key]);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = upstream.Gateway.BaseAddress };

        using var redirect = await http.GetAsync("ui");
        using var missing = await http.GetAsync("ui/nope.js");

        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/ui/", redirect.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("not_found", (await missing.ErrorAsync()).GetProperty("code").GetString());
        Assert.Equal(WebConsoleFilter.ContentSecurityPolicy, missing.Header("Content-Security-Policy"));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(AdminToken, true)]
    public async Task A_caller_elsewhere_gets_the_files_only_when_an_admin_token_guards_the_data(string? token, bool served)
    {
        var filter = new WebConsoleFilter(new AdminAuthenticator(Options.Create(new AdminOptions { TokenSha256 = token is null ? null : Digest(token) })));
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
        var reached = false;

        var result = await filter.InvokeAsync(EndpointFilterInvocationContext.Create(http), _ =>
        {
            reached = true;
            return ValueTask.FromResult<object?>(Results.Empty);
        });

        Assert.Equal(served, reached);
        if (!served)
        {
            Assert.Equal(StatusCodes.Status404NotFound, Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode);
        }
    }

    [Fact]
    public async Task With_tokens_configured_the_pages_ask_for_them_and_send_them_as_headers_never_in_a_url()
    {
        await using var upstream = await TestUpstream.StartAsync([Key], new Dictionary<string, string>
        {
            ["Gateway:Admin:TokenSha256"] = Digest(AdminToken),
            ["Gateway:Auth:Tokens:0:Tenant"] = "console",
            ["Gateway:Auth:Tokens:0:Sha256"] = Digest(ClientToken),
        });
        await using var console = await browser.OpenAsync(upstream.Gateway.BaseAddress);
        var page = console.Page;
        var urls = new List<string>();
        page.Request += (_, request) => urls.Add(request.Url);

        await console.GoToAsync("keys");
        await Expect(page.Locator(".notice.warning")).ToContainTextAsync("admin token");
        await console.ScreenshotAsync("admin-token-asked");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enter admin token" }).ClickAsync();
        await page.Locator("#admin-token").FillAsync("not-the-admin-token");
        await page.Locator("#tokens-save").ClickAsync();
        await Expect(page.Locator(".notice.warning")).ToContainTextAsync("refused this admin token");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enter admin token" }).ClickAsync();
        await page.Locator("#admin-token").FillAsync(AdminToken);
        await page.Locator("#client-token").FillAsync(ClientToken);
        await console.ScreenshotAsync("tokens-dialog");
        await page.Locator("#tokens-save").ClickAsync();
        await Expect(page.Locator($"tr[data-key='{Key.Alias}'] td.state")).ToHaveTextAsync("available");

        await console.GoToAsync("playground");
        await page.Locator("#message").FillAsync("Hello with a token.");
        await page.Locator("#send").ClickAsync();
        await Expect(page.Locator(".turn.assistant .answer")).ToHaveAttributeAsync("data-state", "done");

        Assert.Equal(AdminToken, await page.EvaluateAsync<string>("() => sessionStorage.getItem('orleansgroq.adminToken')"));
        Assert.DoesNotContain(urls, url => url.Contains(AdminToken, StringComparison.Ordinal) || url.Contains(ClientToken, StringComparison.Ordinal));
        console.AssertNoProblems();
    }

    private static string Digest(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
