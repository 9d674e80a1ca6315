using System.Text.Json.Serialization;

namespace OrleansGroq.Emulator;

/// <summary>What a fault rule does to a request it fires on.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FaultKind>))]
public enum FaultKind
{
    /// <summary>500 Internal Server Error instead of a response.</summary>
    [JsonStringEnumMemberName("status_500")]
    Status500,

    /// <summary>502 Bad Gateway instead of a response.</summary>
    [JsonStringEnumMemberName("status_502")]
    Status502,

    /// <summary>503 with Groq's over-capacity body.</summary>
    [JsonStringEnumMemberName("status_503")]
    Status503,

    /// <summary>498, the flex tier's capacity error.</summary>
    [JsonStringEnumMemberName("status_498")]
    Status498,

    /// <summary>Adds <c>delay_ms</c> before the request is served normally.</summary>
    [JsonStringEnumMemberName("latency")]
    Latency,

    /// <summary>Sends nothing for <c>delay_ms</c> (default: until the client gives up), then drops the connection.</summary>
    [JsonStringEnumMemberName("stall_before_first_byte")]
    StallBeforeFirstByte,

    /// <summary>Streams only: pauses after <c>after_chunks</c> chunks for <c>delay_ms</c> (default: until the client gives up), then goes on.</summary>
    [JsonStringEnumMemberName("stall_mid_stream")]
    StallMidStream,

    /// <summary>Streams only: aborts the connection after <c>after_chunks</c> chunks.</summary>
    [JsonStringEnumMemberName("reset_mid_stream")]
    ResetMidStream,

    /// <summary>Streams only: after <c>after_chunks</c> chunks sends a chunk whose JSON is cut short, then goes on.</summary>
    [JsonStringEnumMemberName("malformed_chunk")]
    MalformedChunk,

    /// <summary>Streams only: after <c>after_chunks</c> chunks sends an SSE <c>event: error</c> and ends the stream.</summary>
    [JsonStringEnumMemberName("error_event")]
    ErrorEvent,

    /// <summary>Chat only: 400 <c>json_validate_failed</c> with a <c>failed_generation</c>.</summary>
    [JsonStringEnumMemberName("json_validate_failed")]
    JsonValidateFailed,
}
