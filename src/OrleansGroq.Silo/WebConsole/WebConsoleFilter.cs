using OrleansGroq.Silo.Admin;
using OrleansGroq.Silo.Errors;

namespace OrleansGroq.Silo.WebConsole;

/// <summary>
/// Guards and hardens <c>/ui</c>. With no admin token configured, the console exists for loopback callers only, as the
/// admin routes do (404 otherwise). With a token, its files are served to anyone: they hold no data and no secret, and
/// a browser cannot attach a bearer token to a page load, while every figure the pages show comes from <c>/admin</c>,
/// which the pages call with the token the operator typed in. Every answer carries a strict Content-Security-Policy.
/// </summary>
internal sealed class WebConsoleFilter(AdminAuthenticator authenticator) : IEndpointFilter
{
    /// <summary>
    /// Scripts, styles and fetches from the gateway's own origin only; no inline script or style, no plug-in, no frame
    /// around the console (clickjacking), no form posts and no base-URI rewrite. Charts are SVG built through the DOM.
    /// </summary>
    internal const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (authenticator.LoopbackOnly && authenticator.Authorize(http) == AdminAccess.Hidden)
        {
            return ValueTask.FromResult<object?>(new OpenAiErrorResult(StatusCodes.Status404NotFound, "Not found.", "invalid_request_error", "not_found"));
        }

        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        return next(context);
    }
}
