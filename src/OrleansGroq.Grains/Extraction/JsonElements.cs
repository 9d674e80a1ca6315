using System.Buffers;
using System.Text.Json;

namespace OrleansGroq.Grains.Extraction;

/// <summary>Turns written UTF-8 JSON into a detached <see cref="JsonElement"/>: results outlive the buffer and need no disposal.</summary>
internal static class JsonElements
{
    public static JsonElement Build<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer, state);
        }

        return FromUtf8(buffer.WrittenSpan);
    }

    public static JsonElement FromUtf8(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        return JsonElement.ParseValue(ref reader);
    }

    /// <summary>The properties of <paramref name="first"/>, then those of <paramref name="second"/> that <paramref name="first"/> lacks.</summary>
    public static JsonElement MergeMissing(JsonElement first, JsonElement second) =>
        Build((first, second), static (writer, pair) =>
        {
            writer.WriteStartObject();
            foreach (var property in pair.first.EnumerateObject())
            {
                property.WriteTo(writer);
            }

            foreach (var property in pair.second.EnumerateObject())
            {
                if (!pair.first.TryGetProperty(property.Name, out _))
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        });
}
