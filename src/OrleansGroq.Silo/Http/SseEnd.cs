namespace OrleansGroq.Silo.Http;

/// <summary>How a relayed SSE stream ended: one member per way, reported as a value rather than thrown.</summary>
public enum SseEnd
{
    /// <summary>The upstream sent <c>data: [DONE]</c> after well-formed chunks.</summary>
    Done,

    /// <summary>The upstream ended the stream with its own <c>event: error</c>, relayed as it came.</summary>
    UpstreamError,

    /// <summary>A chunk was not a JSON object, or a line outgrew the limit: the gateway's error event ends the stream before it.</summary>
    Malformed,

    /// <summary>The upstream closed, failed or stalled before <c>[DONE]</c>: the gateway's error event ends the stream.</summary>
    Interrupted,
}
