using OrleansGroq.Silo.Errors;

namespace OrleansGroq.Silo.WebConsole;

/// <summary>
/// <c>/ui</c>: the operator's web console, static pages that read <c>/admin</c> and run a chat playground through the
/// gateway's own API, from the same origin. <c>/ui</c> redirects to <c>/ui/</c>, so that the pages' relative links
/// resolve under any path base.
/// </summary>
public static class WebConsoleApi
{
    private const string Index = "index.html";

    public static IEndpointRouteBuilder MapWebConsole(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ui/{**path}", Serve).AddEndpointFilter<WebConsoleFilter>();
        return app;
    }

    private static IResult Serve(HttpContext http, string? path, WebConsoleFiles files)
    {
        if (string.IsNullOrEmpty(path) && !http.Request.Path.Value!.EndsWith('/'))
        {
            return Results.Redirect($"{http.Request.PathBase}/ui/");
        }

        if (files.Find(string.IsNullOrEmpty(path) ? Index : path) is not { } file)
        {
            return new OpenAiErrorResult(StatusCodes.Status404NotFound, "Not found.", "invalid_request_error", "not_found");
        }

        // Revalidated on every load, so that a gateway's upgrade reaches open browsers at their next visit.
        var headers = http.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.ETag = file.ETag;
        return http.Request.Headers.IfNoneMatch == file.ETag
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Bytes(file.Content, file.ContentType);
    }
}
