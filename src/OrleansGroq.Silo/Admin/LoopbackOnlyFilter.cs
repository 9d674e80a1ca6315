using System.Net;
using OrleansGroq.Silo.Errors;

namespace OrleansGroq.Silo.Admin;

/// <summary>Admin routes answer loopback callers only, and anyone else as if they did not exist.</summary>
public sealed class LoopbackOnlyFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip)
            ? next(context)
            : ValueTask.FromResult<object?>(new OpenAiErrorResult(StatusCodes.Status404NotFound, "Not found.", "invalid_request_error", "not_found"));
}
