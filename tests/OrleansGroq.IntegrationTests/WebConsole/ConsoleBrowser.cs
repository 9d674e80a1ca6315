using Microsoft.Playwright;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.WebConsole;

/// <summary>
/// One headless Chromium per test class: Debian's <c>/usr/bin/chromium</c> driven by Playwright (whose own browser
/// download cannot work here; <c>.ci/run</c> installs the package when it is missing). Each test opens its own context,
/// so no storage or session leaks from one test to the next.
/// </summary>
public sealed class ConsoleBrowser : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where the tests leave their screenshots: <c>tests/OrleansGroq.IntegrationTests/TestResults/console</c>.</summary>
    public static string Screenshots { get; } = Path.Combine(RepositoryPaths.Root, "tests", "OrleansGroq.IntegrationTests", "TestResults", "console");

    public async Task InitializeAsync()
    {
        // Playwright's 5 s default is short for two cores shared with the rest of the suite; a failing page still fails.
        Assertions.SetDefaultExpectTimeout(15_000);
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"The console's browser tests need Debian's Chromium at {Chromium}: apt-get install chromium (.ci/run does).");
        }

        Directory.CreateDirectory(Screenshots);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true });
    }

    /// <summary>A page in a fresh context, with the gateway as base address; it records the page's script errors and CSP violations.</summary>
    public async Task<ConsolePage> OpenAsync(Uri gateway)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = gateway.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        return new ConsolePage(context, await context.NewPageAsync());
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
