namespace OrleansGroq.Testing.Fuzz;

/// <summary>What kind of request a fuzz case sends, which decides what it must be answered with.</summary>
internal enum FuzzCaseKind
{
    /// <summary>
    /// A valid request: a 2xx with a real answer (not a degraded local one); a stream ends with <c>data: [DONE]</c>
    /// and no <c>event: error</c>.
    /// </summary>
    Valid,

    /// <summary>
    /// An invalid request the gateway's pipeline sees: refused locally with a 4xx carrying <c>x-request-id</c> and an
    /// error in OpenAI's shape, and no upstream call.
    /// </summary>
    Invalid,

    /// <summary>
    /// HTTP the server cannot parse (request line, header syntax, header sizes): refused with a 4xx and no upstream
    /// call. The HTTP server answers these before any route or middleware runs, with a body of its own; only when the
    /// gateway itself answered (its <c>x-request-id</c> is there) must the error be JSON as for <see cref="Invalid"/>.
    /// </summary>
    Unparsable,

    /// <summary>
    /// A request whose client stops sending mid-body and closes its side: the server may take that for the client
    /// leaving, so no answer is owed, but an answer, if any, must be as for <see cref="Invalid"/>, and no upstream call.
    /// </summary>
    Abandoned,
}
