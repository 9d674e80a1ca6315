using Microsoft.Extensions.Options;
using OrleansGroq.Silo.Errors;

namespace OrleansGroq.Silo.Auth;

/// <summary>
/// Refuses requests a web page made from another site, before anything reads them: a page open on the gateway's
/// machine reaches it over loopback, and a <c>text/plain</c> or form POST needs no CORS preflight, so without this any
/// site could spend the keys. A request is cross-site when its <c>Origin</c> is not the gateway's own, or when the
/// browser says so in <c>Sec-Fetch-Site</c>; origins listed in <c>Gateway:Cors:AllowedOrigins</c> are let through.
/// Clients other than browsers send neither header and pass at the cost of two lookups.
/// </summary>
internal sealed class CrossSiteGuard(RequestDelegate next, IOptions<BrowserOriginOptions> options)
{
    private const string FetchSite = "Sec-Fetch-Site";

    private readonly HashSet<string> _allowed = new(
        options.Value.AllowedOrigins.Select(o => BrowserOriginOptions.Normalize(o) ?? o), StringComparer.OrdinalIgnoreCase);

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        var origin = headers.Origin.ToString();
        var site = headers[FetchSite].ToString();
        if ((origin.Length == 0 && site.Length == 0) || IsAllowed(context.Request, origin, site))
        {
            return next(context);
        }

        return GatewayErrors.CrossSiteRefused(origin.Length == 0 ? null : origin).ExecuteAsync(context);
    }

    private bool IsAllowed(HttpRequest request, string origin, string site)
    {
        if (origin.Length > 0 && _allowed.Contains(origin))
        {
            return true;
        }

        // same-site is another origin on the same registrable domain (another port of localhost, a sibling subdomain).
        var fromAnotherSite = site.Equals("cross-site", StringComparison.OrdinalIgnoreCase) || site.Equals("same-site", StringComparison.OrdinalIgnoreCase);
        return !fromAnotherSite && (origin.Length == 0 || origin.Equals($"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase));
    }
}
