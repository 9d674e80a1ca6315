using System.Buffers;
using System.Text;
using System.Text.Json;
using OrleansGroq.Emulator.Determinism;

namespace OrleansGroq.Emulator.Completions;

/// <summary>
/// Writes a deterministic JSON value that satisfies a JSON schema: every property (required or
/// not), <c>enum[0]</c>/<c>const</c> when given, 1 for numbers (inside minimum/maximum), true,
/// one array item, a word for strings (or a sample of its format). Local <c>$ref</c>s are followed.
/// </summary>
internal static class SchemaValueGenerator
{
    private const int MaxDepth = 16;

    public static string Generate(byte[]? schema, ulong seed)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var random = new DeterministicRandom(seed);
            if (schema is null)
            {
                writer.WriteStartObject();
                writer.WriteEndObject();
            }
            else
            {
                using var document = JsonDocument.Parse(schema);
                var root = document.RootElement;
                var generator = new State(writer, root, random);
                generator.Write(root, 0, isRoot: true);
            }
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private struct State(Utf8JsonWriter writer, JsonElement root, DeterministicRandom random)
    {
        private DeterministicRandom _random = random;

        public void Write(JsonElement schema, int depth, bool isRoot = false)
        {
            if (schema.ValueKind != JsonValueKind.Object || depth > MaxDepth)
            {
                WriteFallback(isRoot);
                return;
            }

            if (schema.TryGetProperty("$ref", out var reference) && Resolve(reference.GetString()) is { } target)
            {
                Write(target, depth + 1, isRoot);
                return;
            }

            if (schema.TryGetProperty("const", out var constant))
            {
                constant.WriteTo(writer);
                return;
            }

            if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array && values.GetArrayLength() > 0)
            {
                values[0].WriteTo(writer);
                return;
            }

            foreach (var combinator in (ReadOnlySpan<string>)["anyOf", "oneOf", "allOf"])
            {
                if (schema.TryGetProperty(combinator, out var options) && options.ValueKind == JsonValueKind.Array && options.GetArrayLength() > 0)
                {
                    Write(options[0], depth + 1, isRoot);
                    return;
                }
            }

            switch (TypeOf(schema))
            {
                case "object":
                    WriteObject(schema, depth);
                    break;
                case "array":
                    WriteArray(schema, depth);
                    break;
                case "integer":
                case "number":
                    writer.WriteNumberValue(NumberWithin(schema));
                    break;
                case "boolean":
                    writer.WriteBooleanValue(true);
                    break;
                case "null":
                    writer.WriteNullValue();
                    break;
                default:
                    WriteString(schema);
                    break;
            }
        }

        private void WriteObject(JsonElement schema, int depth)
        {
            writer.WriteStartObject();
            var hasProperties = schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object;
            if (hasProperties)
            {
                foreach (var property in properties.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    Write(property.Value, depth + 1);
                }
            }

            if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
            {
                foreach (var name in required.EnumerateArray())
                {
                    if (name.GetString() is { } text && !(hasProperties && properties.TryGetProperty(text, out _)))
                    {
                        writer.WriteString(text, NextWord());
                    }
                }
            }

            writer.WriteEndObject();
        }

        private void WriteArray(JsonElement schema, int depth)
        {
            writer.WriteStartArray();
            var count = schema.TryGetProperty("minItems", out var min) && min.TryGetInt32(out var m) ? Math.Clamp(m, 1, 8) : 1;
            var items = schema.TryGetProperty("items", out var itemSchema) ? itemSchema : default;
            for (var i = 0; i < count && depth < MaxDepth; i++)
            {
                Write(items, depth + 1);
            }

            writer.WriteEndArray();
        }

        private void WriteString(JsonElement schema)
        {
            var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
            var sample = format switch
            {
                "date-time" => "2026-01-01T00:00:00Z",
                "date" => "2026-01-01",
                "time" => "00:00:00",
                "email" => "user@example.com",
                "uri" or "url" => "https://example.com/",
                "uuid" => "00000000-0000-4000-8000-000000000000",
                _ => null,
            };
            if (sample is null)
            {
                sample = NextWord();
                var minLength = schema.TryGetProperty("minLength", out var ml) && ml.TryGetInt32(out var l) ? Math.Min(l, 1024) : 0;
                while (sample.Length < minLength)
                {
                    sample += " " + NextWord();
                }
            }

            writer.WriteStringValue(sample);
        }

        private void WriteFallback(bool isRoot)
        {
            if (isRoot)
            {
                writer.WriteStartObject();
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteStringValue(NextWord());
            }
        }

        private string NextWord() => WordList.Word(_random.Next(WordList.Words.Length));

        private readonly JsonElement? Resolve(string? pointer)
        {
            if (pointer is null || !pointer.StartsWith("#", StringComparison.Ordinal))
            {
                return null;
            }

            var current = root;
            foreach (var segment in pointer[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
                {
                    return null;
                }
            }

            return current;
        }

        private static string TypeOf(JsonElement schema)
        {
            if (schema.TryGetProperty("type", out var type))
            {
                if (type.ValueKind == JsonValueKind.String)
                {
                    return type.GetString()!;
                }

                if (type.ValueKind == JsonValueKind.Array)
                {
                    foreach (var t in type.EnumerateArray())
                    {
                        if (t.GetString() is { } name && name != "null")
                        {
                            return name;
                        }
                    }

                    return "null";
                }
            }

            return schema.TryGetProperty("properties", out _) ? "object"
                : schema.TryGetProperty("items", out _) ? "array"
                : "string";
        }

        private static double NumberWithin(JsonElement schema)
        {
            var value = 1.0;
            if (schema.TryGetProperty("minimum", out var min) && min.TryGetDouble(out var lo))
            {
                value = Math.Max(value, Math.Ceiling(lo));
            }

            if (schema.TryGetProperty("exclusiveMinimum", out var xmin) && xmin.TryGetDouble(out var xlo) && value <= xlo)
            {
                value = Math.Floor(xlo) + 1;
            }

            if (schema.TryGetProperty("maximum", out var max) && max.TryGetDouble(out var hi))
            {
                value = Math.Min(value, Math.Floor(hi));
            }

            return value;
        }
    }
}
