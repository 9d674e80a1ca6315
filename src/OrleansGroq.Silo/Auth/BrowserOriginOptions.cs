namespace OrleansGroq.Silo.Auth;

/// <summary>The web origins whose pages may call the gateway from a browser, bound from <c>Gateway:Cors</c>.</summary>
public sealed class BrowserOriginOptions
{
    public const string SectionName = "Gateway:Cors";

    /// <summary>
    /// Origins such as <c>https://console.example.com</c>: their cross-site requests are served, and answered with CORS
    /// headers (preflights included). Every other page's requests are refused, since a page on the gateway's machine
    /// would otherwise spend its keys in loopback-only mode.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>An origin as browsers send it (<c>scheme://host[:port]</c>, default port left out), or null when it is not one.</summary>
    public static string? Normalize(string origin) =>
        Uri.TryCreate(origin.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0
            ? uri.GetLeftPart(UriPartial.Authority)
            : null;
}
