using Microsoft.Playwright;
using OrleansGroq.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OrleansGroq.IntegrationTests.WebConsole;

/// <summary>The keys page is live: a key that Groq answers 429 shows as cooling, with why and until when, without a reload.</summary>
public sealed class WebConsoleKeysLiveTests(ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
{
    private static readonly TestKey Limited = new("limited", "org_console_limited", "gsk_test_console_live_limited");

    [Fact]
    public async Task A_key_that_gets_a_429_shows_as_cooling_with_why_and_until_when_on_the_open_page()
    {
        await using var upstream = await TestUpstream.StartAsync([Limited]);
        await using var console = await browser.OpenAsync(upstream.Gateway.BaseAddress);
        await console.GoToAsync("keys");
        var row = console.Page.Locator($"tr[data-key='{Limited.Alias}']");
        await Expect(row.Locator("td.state")).ToHaveTextAsync("available");
        await console.Page.EvaluateAsync("() => window.loadedOnce = true");

        // One request a minute, spent straight at the emulator: the gateway's next request with the key gets a 429 with retry-after.
        upstream.Emulator.Control.SetLimits(Limited.Account, ChatBodies.Model, new() { Rpm = 1 });
        using (var direct = new HttpClient { BaseAddress = upstream.Emulator.BaseAddress })
        using (var spend = ChatBodies.Post(ChatBodies.Simple()))
        {
            spend.Headers.Authorization = new("Bearer", Limited.Secret);
            using var spent = await direct.SendAsync(spend);
            spent.EnsureSuccessStatusCode();
        }

        using (await upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple())))
        {
            Assert.Equal(1, upstream.Emulator.Control.GetStats().Totals.RateLimited);
        }

        await Expect(row.Locator("td.state")).ToHaveTextAsync("cooling");
        await Expect(row.Locator("td.reason")).ToHaveTextAsync("requests_per_minute");
        await Expect(row.Locator("td.cooling")).ToContainTextAsync(" s left (until ");
        Assert.True(await console.Page.EvaluateAsync<bool>("() => window.loadedOnce === true"), "The page was reloaded.");
        await console.ScreenshotAsync("keys-cooling");
        console.AssertNoProblems();
    }
}
