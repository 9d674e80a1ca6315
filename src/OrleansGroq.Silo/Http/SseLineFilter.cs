using System.Buffers;
using System.Text.Json;

namespace OrleansGroq.Silo.Http;

/// <summary>
/// Decides, line by line, what of a relayed SSE body reaches the client. Only whole lines pass: a line split across
/// reads waits for its end, so the client never gets a cut-off chunk (Groq writes whole events, so in practice nothing
/// waits). Each <c>data:</c> chunk must be a JSON object; <c>data: [DONE]</c> and an upstream <c>event: error</c> end
/// the stream. The lines of a read that pass are copied in one run.
/// </summary>
internal sealed class SseLineFilter(ISseObserver? observer)
{
    /// <summary>Far above Groq's largest chunk (a whole tool call in one): a longer line ends the stream rather than grow a buffer.</summary>
    private const int MaxLineBytes = 4 * 1024 * 1024;

    private ArrayBufferWriter<byte>? _partial;
    private bool _inErrorEvent;
    private bool _errorEventHasData;

    private enum Verdict
    {
        Pass,

        /// <summary>The blank line closing the upstream's error event: it passes, and the stream ends after it.</summary>
        PassAndEnd,

        Done,

        Malformed,
    }

    /// <summary>True when the last line passed was blank (or none has), so an event appended now stands alone.</summary>
    public bool AtEventBoundary { get; private set; } = true;

    /// <summary>Copies the lines of <paramref name="bytes"/> that may pass to <paramref name="output"/>.</summary>
    /// <returns>How the stream ended, when these bytes ended it; null to read on.</returns>
    public SseEnd? Pass(ReadOnlySpan<byte> bytes, IBufferWriter<byte> output)
    {
        if (_partial is { WrittenCount: > 0 } partial)
        {
            var newline = bytes.IndexOf((byte)'\n');
            if (newline < 0)
            {
                return Hold(bytes);
            }

            if (partial.WrittenCount + newline + 1 > MaxLineBytes)
            {
                return SseEnd.Malformed;
            }

            partial.Write(bytes[..(newline + 1)]);
            var verdict = Judge(partial.WrittenSpan);
            if (verdict is Verdict.Pass or Verdict.PassAndEnd)
            {
                output.Write(partial.WrittenSpan);
            }

            partial.ResetWrittenCount();
            if (verdict != Verdict.Pass)
            {
                return End(verdict);
            }

            bytes = bytes[(newline + 1)..];
        }

        var passed = 0;
        while (bytes[passed..].IndexOf((byte)'\n') is var newline and >= 0)
        {
            var length = newline + 1;
            var verdict = Judge(bytes.Slice(passed, length));
            if (verdict != Verdict.Pass)
            {
                output.Write(bytes[..(verdict == Verdict.PassAndEnd ? passed + length : passed)]);
                return End(verdict);
            }

            passed += length;
        }

        output.Write(bytes[..passed]);
        return passed < bytes.Length ? Hold(bytes[passed..]) : null;
    }

    /// <summary>How the stream ended when the body ran out: a line still waiting for its end is dropped.</summary>
    public SseEnd Finish() => _inErrorEvent && _errorEventHasData ? SseEnd.UpstreamError : SseEnd.Interrupted;

    private static SseEnd End(Verdict verdict) => verdict switch
    {
        Verdict.Done => SseEnd.Done,
        Verdict.PassAndEnd => SseEnd.UpstreamError,
        _ => SseEnd.Malformed,
    };

    private static bool IsJsonObject(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private SseEnd? Hold(ReadOnlySpan<byte> bytes)
    {
        _partial ??= new ArrayBufferWriter<byte>();
        if (_partial.WrittenCount + bytes.Length > MaxLineBytes)
        {
            return SseEnd.Malformed;
        }

        _partial.Write(bytes);
        return null;
    }

    /// <summary>Reads one line, its <c>\n</c> included, as an SSE client would, and says whether it may pass.</summary>
    private Verdict Judge(ReadOnlySpan<byte> line)
    {
        var content = line[..^1];
        if (content.EndsWith("\r"u8))
        {
            content = content[..^1];
        }

        if (content.IsEmpty)
        {
            // An event without data is never dispatched, so only an error event that carried one ends the stream.
            var closesError = _inErrorEvent && _errorEventHasData;
            _inErrorEvent = false;
            AtEventBoundary = true;
            return closesError ? Verdict.PassAndEnd : Verdict.Pass;
        }

        var colon = content.IndexOf((byte)':');
        var field = colon < 0 ? content : content[..colon];
        var value = colon < 0 ? default : content[(colon + 1)..];
        if (value.StartsWith(" "u8))
        {
            value = value[1..];
        }

        if (field.SequenceEqual("data"u8))
        {
            if (value.SequenceEqual("[DONE]"u8))
            {
                return Verdict.Done;
            }

            if (!IsJsonObject(value))
            {
                return Verdict.Malformed;
            }

            if (_inErrorEvent)
            {
                _errorEventHasData = true;
            }
            else
            {
                observer?.OnData(value);
            }
        }
        else if (field.SequenceEqual("event"u8))
        {
            _inErrorEvent = value.SequenceEqual("error"u8);
        }

        AtEventBoundary = false;
        return Verdict.Pass;
    }
}
