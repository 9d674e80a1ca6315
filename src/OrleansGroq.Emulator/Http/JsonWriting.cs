using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OrleansGroq.Emulator.Http;

/// <summary>
/// One <see cref="Utf8JsonWriter"/> per thread, reset onto each target: writers are only used
/// synchronously, so reuse saves an allocation per response on the hot path.
/// </summary>
internal static class JsonWriting
{
    // Groq writes backticks, quotes in messages and '<think>' literally; the default encoder would escape them.
    public static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    [ThreadStatic]
    private static Utf8JsonWriter? _cached;

    public static Utf8JsonWriter Acquire(IBufferWriter<byte> target)
    {
        var writer = _cached;
        if (writer is null)
        {
            return new Utf8JsonWriter(target, Options);
        }

        _cached = null;
        writer.Reset(target);
        return writer;
    }

    public static void Release(Utf8JsonWriter writer)
    {
        writer.Flush();
        writer.Reset();
        _cached = writer;
    }
}
