using Microsoft.AspNetCore.Diagnostics;

namespace OrleansGroq.Silo.Errors;

/// <summary>
/// Answers an exception no endpoint handled. A request the server could not read (bad framing, a bad header) is the
/// caller's 400; anything else is the gateway's 500, logged once with the request id the response carries.
/// </summary>
internal sealed partial class UnhandledErrors(ILogger<UnhandledErrors> logger)
{
    public Task WriteAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (AsUnreadableRequest(error) is { } unreadable)
        {
            LogUnreadableRequest(context.TraceIdentifier, unreadable.StatusCode, unreadable.Message);
            return unreadable.ExecuteAsync(context);
        }

        LogFailed(error, context.TraceIdentifier, context.Request.Method, context.Request.Path);
        return GatewayErrors.Internal(context.TraceIdentifier).ExecuteAsync(context);
    }

    private static OpenAiErrorResult? AsUnreadableRequest(Exception? error) => error switch
    {
        BadHttpRequestException bad => GatewayErrors.MalformedRequest(bad.StatusCode, bad.Message),

        // Kestrel reports a chunk size too large for an int as an IOException around an OverflowException, where every
        // other malformed chunk gets a BadHttpRequestException: it is the same fault in the caller's framing.
        IOException { InnerException: OverflowException } io => GatewayErrors.MalformedRequest(StatusCodes.Status400BadRequest, io.Message),
        _ => null,
    };

    [LoggerMessage(EventId = 7001, EventName = "RequestFailed", Level = LogLevel.Error,
        Message = "Request {RequestId} ({Method} {Path}) failed with an unhandled exception; answered 500.")]
    private partial void LogFailed(Exception? exception, string requestId, string method, string path);

    [LoggerMessage(EventId = 7002, EventName = "RequestUnreadable", Level = LogLevel.Debug,
        Message = "Request {RequestId} could not be read; answered {StatusCode}: {Reason}")]
    private partial void LogUnreadableRequest(string requestId, int statusCode, string reason);
}
