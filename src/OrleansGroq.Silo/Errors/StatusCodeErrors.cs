using Microsoft.AspNetCore.Diagnostics;
using OrleansGroq.Silo.Http;

namespace OrleansGroq.Silo.Errors;

/// <summary>
/// Gives a body to an error status set without one: routing's 404 for an unknown URL (naming the route meant, when
/// there is an obvious one), its 405 (keeping its <c>Allow</c> header) and 415, and any other.
/// </summary>
internal static class StatusCodeErrors
{
    public static Task WriteAsync(StatusCodeContext status)
    {
        var context = status.HttpContext;
        var request = context.Request;
        var path = request.PathBase.Add(request.Path).Value ?? "/";
        var error = context.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound when context.GetEndpoint() is null =>
                GatewayErrors.UnknownRoute(request.Method, path, context.RequestServices.GetRequiredService<RouteCatalog>().Suggest(request.Method, request.Path.Value ?? "/")),
            StatusCodes.Status405MethodNotAllowed =>
                GatewayErrors.MethodNotAllowed(request.Method, path, context.Response.Headers.Allow.ToString()),
            StatusCodes.Status415UnsupportedMediaType => GatewayErrors.UnsupportedMediaType(request.ContentType, path),
            var code => GatewayErrors.Status(code),
        };
        return error.ExecuteAsync(context);
    }
}
