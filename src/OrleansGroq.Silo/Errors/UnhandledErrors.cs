using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Orleans.Runtime.Messaging;

namespace OrleansGroq.Silo.Errors;

/// <summary>
/// Answers an exception no endpoint handled. A request the server could not read (bad framing, a bad header) is the
/// caller's 400; a grain call that failed because a silo died or did not answer is a 503 with retry-after, since the
/// cluster recovers in seconds; so is a database failure its driver calls transient (no connection to be had, a
/// timeout, too many clients), since nothing the caller sent caused it; anything else is the gateway's 500, logged once with the request id the response carries.
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

        if (IsClusterFailure(error))
        {
            LogClusterUnavailable(error, context.TraceIdentifier, context.Request.Method, context.Request.Path);
            return GatewayErrors.ClusterUnavailable().ExecuteAsync(context);
        }

        if (TransientDatabaseFailure(error) is { } database)
        {
            LogStorageUnavailable(database, context.TraceIdentifier, context.Request.Method, context.Request.Path);
            return GatewayErrors.StorageUnavailable().ExecuteAsync(context);
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

    // What Orleans throws at a caller whose grain call went to a silo that died (failed once the membership declares
    // it dead), was refused on the way, or got no answer within the messaging response timeout; and what an
    // IAsyncEnumerable grain call throws when the activation it read from is gone. Wrapped or not, except in a
    // cancellation: HttpClient reports its own timeout as one around a TimeoutException, and that is no silo's.
    private static bool IsClusterFailure(Exception? error)
    {
        for (var cause = error; cause is not null and not OperationCanceledException; cause = cause.InnerException)
        {
            if (cause is SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException or EnumerationAbortedException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    // A grain call carries the exception of the store it reached back to the front end, wrapped or not.
    private static DbException? TransientDatabaseFailure(Exception? error)
    {
        for (var cause = error; cause is not null; cause = cause.InnerException)
        {
            if (cause is DbException { IsTransient: true } database)
            {
                return database;
            }
        }

        return null;
    }

    [LoggerMessage(EventId = 7001, EventName = "RequestFailed", Level = LogLevel.Error,
        Message = "Request {RequestId} ({Method} {Path}) failed with an unhandled exception; answered 500.")]
    private partial void LogFailed(Exception? exception, string requestId, string method, string path);

    [LoggerMessage(EventId = 7003, EventName = "ClusterUnavailable", Level = LogLevel.Warning,
        Message = "Request {RequestId} ({Method} {Path}) failed because a silo of the cluster became unavailable; answered 503.")]
    private partial void LogClusterUnavailable(Exception? exception, string requestId, string method, string path);

    [LoggerMessage(EventId = 7004, EventName = "StorageUnavailable", Level = LogLevel.Warning,
        Message = "Request {RequestId} ({Method} {Path}) failed on a transient database error; answered 503.")]
    private partial void LogStorageUnavailable(Exception exception, string requestId, string method, string path);

    [LoggerMessage(EventId = 7002, EventName = "RequestUnreadable", Level = LogLevel.Debug,
        Message = "Request {RequestId} could not be read; answered {StatusCode}: {Reason}")]
    private partial void LogUnreadableRequest(string requestId, int statusCode, string reason);
}
