using System.Net;
using Microsoft.Playwright;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OrleansGroq.IntegrationTests.WebConsole;

/// <summary>
/// The console's pages in a real browser, on a gateway in loopback-only mode (no admin or client token): each page
/// renders what its <c>/admin</c> route answers, the pages whose routes this gateway lacks say so, and the playground
/// streams a conversation's turns with each answer's marks. Screenshots go to <see cref="ConsoleBrowser.Screenshots"/>.
/// </summary>
public sealed class WebConsolePagesTests(ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>, IAsyncLifetime
{
    private const string Fallback = "openai/gpt-oss-20b";

    private static readonly TestKey KeyA = new("key-a", "org_console_a", "gsk_test_console_pages_key_a");
    private static readonly TestKey KeyB = new("key-b", "org_console_b", "gsk_test_console_pages_key_b");

    // A conversation's turn names its model, which falls back only where configured: this gives failed turns a cascade to show.
    private static readonly Dictionary<string, string> Settings = new() { [$"Routing:Fallbacks:{ChatBodies.Model}"] = Fallback };

    private TestUpstream _upstream = null!;

    public async Task InitializeAsync() => _upstream = await TestUpstream.StartAsync([KeyA, KeyB], Settings);

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task The_cluster_page_shows_this_silo_as_active_and_its_activations_by_grain_type()
    {
        await using var console = await browser.OpenAsync(_upstream.Gateway.BaseAddress);

        await console.GoToAsync("cluster");

        await Expect(console.Page.Locator("tr[data-silo] td.status")).ToHaveTextAsync("Active");
        await Expect(console.Page.Locator("tr[data-grain='ApiKeyGrain'] td.number")).Not.ToHaveTextAsync("0");
        await console.ScreenshotAsync("cluster");
        console.AssertNoProblems();
    }

    [Fact]
    public async Task The_keys_page_lists_every_key_by_alias_and_account_with_its_state_and_no_secret()
    {
        await using var console = await browser.OpenAsync(_upstream.Gateway.BaseAddress);

        await console.GoToAsync("keys");

        foreach (var key in new[] { KeyA, KeyB })
        {
            var row = console.Page.Locator($"tr[data-key='{key.Alias}']");
            await Expect(row.Locator("td.state")).ToHaveTextAsync("available");
            await Expect(row).ToContainTextAsync(key.Account);
            Assert.DoesNotContain(key.Secret, await console.Page.ContentAsync(), StringComparison.Ordinal);
        }

        await console.ScreenshotAsync("keys");
        console.AssertNoProblems();
    }

    [Fact]
    public async Task The_quotas_page_shows_the_share_of_each_limit_an_account_and_model_has_used()
    {
        foreach (var key in new[] { KeyA, KeyB })
        {
            _upstream.Emulator.Control.SetLimits(key.Account, ChatBodies.Model, new ModelLimits { Rpm = 100, Rpd = 10_000, Tpm = 200_000, Tpd = 1_000_000 });
        }

        await SendChatsAsync(4);

        await using var console = await browser.OpenAsync(_upstream.Gateway.BaseAddress);
        await console.GoToAsync("quotas");

        var rows = console.Page.Locator("tr[data-quota]");
        await Expect(rows.First).ToContainTextAsync(ChatBodies.Model);
        // Groq's headers carry the daily request and per-minute token limits, so those are the ones the gateway learns.
        await Expect(rows.First.Locator("td.bucket").Nth(1)).ToContainTextAsync("% of 10,000");
        await Expect(rows.First.Locator("td.bucket").Nth(2)).ToContainTextAsync("% of 200,000");
        await console.ScreenshotAsync("quotas");
        console.AssertNoProblems();
    }

    [Fact]
    public async Task The_models_page_shows_each_models_live_statistics_after_traffic()
    {
        await SendChatsAsync(3);
        await using var console = await browser.OpenAsync(_upstream.Gateway.BaseAddress);

        await console.GoToAsync("models");

        var row = console.Page.Locator($"tr[data-model='{ChatBodies.Model}']");
        await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("3");
        await Expect(row.Locator("td").Nth(4)).ToContainTextAsync(" ms");
        await Expect(console.Page.Locator("figure.chart svg rect").First).ToBeVisibleAsync();
        await console.ScreenshotAsync("models");
        console.AssertNoProblems();
    }

    [Fact]
    public async Task The_usage_page_charts_requests_tokens_and_cost_by_tenant_and_by_model()
    {
        await SendChatsAsync(2);

        // The ledger writes its rows in batches, off the request path: the page is opened once they are there.
        await Polling.UntilAsync(async () => (await _upstream.Gateway.Http.GetStringAsync("admin/usage")).Contains("\"requests\":2", StringComparison.Ordinal), "the ledger holds both requests");
        await using var console = await browser.OpenAsync(_upstream.Gateway.BaseAddress);

        await console.GoToAsync("usage");

        var byTenant = console.Page.Locator("section[data-group-by='tenant']");
        var byModel = console.Page.Locator("section[data-group-by='model']");
        await Expect(byTenant.Locator("tr[data-group='local'] td").Nth(1)).ToHaveTextAsync("2");
        await Expect(byModel.Locator($"tr[data-group='{ChatBodies.Model}'] td").Nth(1)).ToHaveTextAsync("2");
        await Expect(byTenant.Locator("figure.chart")).ToHaveCountAsync(3);
        await Expect(byModel.Locator("figure.chart")).ToHaveCountAsync(3);
        await console.ScreenshotAsync("usage");
        console.AssertNoProblems();
    }

    [Fact]
    public async Task The_requests_page_lists_the_latest_requests()
    {
        using var chat = await _upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple()));
        await using var console = await browser.OpenAsync(_upstream.Gateway.BaseAddress);

        await console.GoToAsync("requests");

        var row = console.Page.Locator($"tr[data-request='{chat.Headers.GetValues("x-request-id").Single()}']");
        await Expect(row).ToContainTextAsync(ChatBodies.Model);
        await Expect(row).ToContainTextAsync("/openai/v1/chat/completions");
        await console.ScreenshotAsync("requests");
        console.AssertNoProblems();
    }

    [Fact]
    public async Task The_playground_streams_each_turn_as_it_arrives_and_marks_how_it_was_served()
    {
        // The emulator pauses after two content chunks: the page must show them before the rest arrives.
        _upstream.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.StallMidStream, AfterChunks = 3, DelayMs = 4_000, Times = 1 });
        await using var console = await browser.OpenAsync(_upstream.Gateway.BaseAddress);
        await console.GoToAsync("playground");
        var page = console.Page;
        await Expect(page.Locator("#model option[value='speed']")).ToBeAttachedAsync();

        await page.Locator("#model").SelectOptionAsync("speed");
        await page.Locator("#message").FillAsync("Tell me about Orleans.");
        await page.Locator("#send").ClickAsync();

        var answer = page.Locator(".turn.assistant .answer").Nth(0);
        await Expect(answer).ToHaveAttributeAsync("data-state", "streaming");
        await Expect(answer).Not.ToBeEmptyAsync();
        var partial = await answer.TextContentAsync();
        Assert.Equal("streaming", await answer.GetAttributeAsync("data-state"));
        await console.ScreenshotAsync("playground-streaming");

        await Expect(answer).ToHaveAttributeAsync("data-state", "done");
        var whole = await answer.TextContentAsync();
        Assert.StartsWith(partial!, whole, StringComparison.Ordinal);
        Assert.True(whole!.Length > partial!.Length, $"The answer did not grow after '{partial}'.");
        var marks = page.Locator(".turn.assistant .marks").Nth(0);
        await Expect(marks.Locator("[data-mark='route']")).ToHaveTextAsync("route alias:speed");
        await Expect(marks.Locator("[data-mark='model']")).ToHaveTextAsync("model " + ChatBodies.Model);
        await Expect(marks.Locator("[data-mark='key']")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^key key-[ab]$"));
        var conversation = await page.Locator("#conversation").TextContentAsync();

        // The second turn goes to the same conversation, routed by auto this time.
        await page.Locator("#model").SelectOptionAsync("auto");
        await page.Locator("#message").FillAsync("And then?");
        await page.Locator("#send").ClickAsync();
        var second = page.Locator(".turn.assistant").Nth(1);
        await Expect(second.Locator(".answer")).ToHaveAttributeAsync("data-state", "done");
        await Expect(second.Locator("[data-mark='route']")).ToContainTextAsync("route auto:");
        Assert.Equal(conversation, await page.Locator("#conversation").TextContentAsync());
        await console.ScreenshotAsync("playground-two-turns");

        using var stored = await _upstream.Gateway.Http.GetAsync($"v1/conversations/{conversation}");
        var json = await stored.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        Assert.Contains("Tell me about Orleans.", json, StringComparison.Ordinal);
        Assert.Contains("And then?", json, StringComparison.Ordinal);
        console.AssertNoProblems();
    }

    [Fact]
    public async Task A_turn_answered_locally_after_every_upstream_attempt_failed_shows_the_cascade_and_degraded_marks()
    {
        _upstream.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.Status500 });
        await using var console = await browser.OpenAsync(_upstream.Gateway.BaseAddress);
        await console.GoToAsync("playground");
        var page = console.Page;
        await Expect(page.Locator("#model option[value='speed']")).ToBeAttachedAsync();

        await page.Locator("#model").SelectOptionAsync("speed");
        await page.Locator("#message").FillAsync("Is anyone there?");
        await page.Locator("#send").ClickAsync();

        var turn = page.Locator(".turn.assistant").Nth(0);
        await Expect(turn.Locator(".answer")).ToHaveAttributeAsync("data-state", "done");
        await Expect(turn.Locator(".answer")).Not.ToBeEmptyAsync();
        await Expect(turn.Locator("[data-mark='degraded']")).ToHaveTextAsync("degraded local");
        await Expect(turn.Locator("[data-mark='cascade']")).ToHaveTextAsync($"cascade groq:{ChatBodies.Model}=server_error,groq:{Fallback}=server_error");
        await console.ScreenshotAsync("playground-degraded");
        console.AssertNoProblems();
    }

    private async Task SendChatsAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var response = await _upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple(), sessionId: $"s{i}"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
