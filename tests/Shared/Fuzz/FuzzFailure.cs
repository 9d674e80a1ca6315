namespace OrleansGroq.Testing.Fuzz;

/// <summary>What a run counts against the gateway.</summary>
internal enum FuzzFailure
{
    /// <summary>Any 5xx answer.</summary>
    ServerError,

    /// <summary>An error answer whose body is empty, not JSON, or not OpenAI's <c>{"error":{"message","type",...}}</c>.</summary>
    NonJsonError,

    /// <summary>An error answer without <c>x-request-id</c>.</summary>
    MissingRequestId,

    /// <summary>Upstream requests made while only invalid requests were in flight (counted in calls, not requests).</summary>
    UpstreamCallForInvalid,

    /// <summary>An invalid request answered with a 2xx or 3xx.</summary>
    InvalidAccepted,

    /// <summary>No answer at all: a reset, a closed connection or a timeout.</summary>
    NoAnswer,

    /// <summary>A valid request not answered with a real 2xx.</summary>
    ValidFailed,
}
