namespace OrleansGroq.Client;

/// <summary>An error the gateway answered with, in OpenAI's shape (<c>{"error":{"message","type","param","code"}}</c>).</summary>
public sealed class OrleansGroqException : Exception
{
    /// <summary>Creates the exception for an error answer.</summary>
    public OrleansGroqException(
        string message, int statusCode, string? code, string? type, string? param, TimeSpan? retryAfter, string? requestId, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Code = code;
        Type = type;
        Param = param;
        RetryAfter = retryAfter;
        RequestId = requestId;
    }

    /// <summary>The HTTP status; 200 for an error that ended a stream already begun.</summary>
    public int StatusCode { get; }

    /// <summary>The error's code, e.g. <c>rate_limit_exceeded</c>, <c>upstream_error</c>, <c>conversation_busy</c>.</summary>
    public string? Code { get; }

    /// <summary>The error's type, e.g. <c>invalid_request_error</c>.</summary>
    public string? Type { get; }

    /// <summary>The request field or header the error is about.</summary>
    public string? Param { get; }

    /// <summary>When to try again (<c>retry-after</c>), when the gateway said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The request's id in the gateway's logs (<c>x-request-id</c>).</summary>
    public string? RequestId { get; }
}
