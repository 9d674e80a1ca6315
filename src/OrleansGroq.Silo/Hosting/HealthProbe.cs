namespace OrleansGroq.Silo.Hosting;

/// <summary>
/// <c>OrleansGroq.Silo probe URL</c>: asks a health route and exits 0 on a 2xx answer, 1 on any other answer or none.
/// The container image has no shell and no curl, so its health check runs the gateway's own program this way.
/// </summary>
public static class HealthProbe
{
    private const string Command = "probe";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>The URL to probe when the command line asks for a probe; otherwise null.</summary>
    public static Uri? Requested(string[] args) =>
        args is [Command, var url] && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null;

    public static async Task<int> RunAsync(Uri url)
    {
        using var http = new HttpClient { Timeout = Timeout };
        try
        {
            using var response = await http.GetAsync(url);
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return 1;
        }
    }
}
