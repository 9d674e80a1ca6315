using Microsoft.Playwright;

namespace OrleansGroq.IntegrationTests.WebConsole;

/// <summary>A browser page on the console that remembers what went wrong in it: uncaught script errors and CSP violations.</summary>
public sealed class ConsolePage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _problems = [];

    internal ConsolePage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.PageError += (_, error) => _problems.Add("script error: " + error);

        // Chromium reports a CSP violation as a console error; a 404 the pages expect is one too, and is not a problem.
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                _problems.Add("CSP: " + message.Text);
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Opens a console page by its route, e.g. <c>keys</c>.</summary>
    public async Task GoToAsync(string route) => await Page.GotoAsync($"ui/#/{route}");

    /// <summary>Saves a full-page screenshot as <paramref name="name"/>.png in <see cref="ConsoleBrowser.Screenshots"/>.</summary>
    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleBrowser.Screenshots, name + ".png"), FullPage = true });

    /// <summary>Fails the test when the page threw or the browser blocked something under the CSP.</summary>
    public void AssertNoProblems() => Assert.Empty(_problems);

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
