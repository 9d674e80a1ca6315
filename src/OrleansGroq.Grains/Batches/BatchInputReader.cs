using System.Text;
using System.Text.Json;
using OrleansGroq.Abstractions.Batches;

namespace OrleansGroq.Grains.Batches;

/// <summary>
/// Validates a batch's JSONL input as Groq does before running anything (the emulator's Batches/README.md): every
/// non-empty line an object with a unique <c>custom_id</c>, <c>method</c> <c>POST</c>, the batch's <c>url</c> and an
/// object <c>body</c>. One bad line fails the whole batch, each problem reported with its line.
/// </summary>
internal static class BatchInputReader
{
    /// <summary>More problems than this are not listed: the first ones say enough.</summary>
    private const int MaxErrors = 100;

    private const int MaxEchoedId = 64;

    public static (IReadOnlyList<BatchLine> Lines, IReadOnlyList<BatchLineError> Errors) Read(byte[]? content, string endpoint)
    {
        if (content is null)
        {
            return ([], [new BatchLineError("file_not_found", "The input file was deleted before the batch started.", "input_file_id", 0)]);
        }

        var lines = new List<BatchLine>();
        var errors = new List<BatchLineError>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        ReadOnlyMemory<byte> rest = content;
        while (!rest.IsEmpty && errors.Count < MaxErrors)
        {
            number++;
            var end = rest.Span.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? ReadOnlyMemory<byte>.Empty : rest[(end + 1)..];
            if (line.Span.Trim("\r \t"u8).IsEmpty)
            {
                continue;
            }

            var (valid, error) = ReadLine(line, endpoint, number, ids);
            if (valid is not null)
            {
                lines.Add(valid);
            }
            else
            {
                errors.Add(error!);
            }
        }

        if (lines.Count == 0 && errors.Count == 0)
        {
            errors.Add(new BatchLineError("empty_file", "The input file has no requests.", null, 0));
        }

        return (lines, errors);
    }

    private static (BatchLine? Line, BatchLineError? Error) ReadLine(ReadOnlyMemory<byte> line, string endpoint, int number, HashSet<string> ids)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return (null, new BatchLineError("invalid_json_line", "This line is not valid JSON.", null, number));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, new BatchLineError("invalid_request", "Each line must be a JSON object.", null, number));
            }

            if (!root.TryGetProperty("custom_id", out var id) || id.ValueKind != JsonValueKind.String || id.GetString() is not { Length: > 0 } customId)
            {
                return (null, new BatchLineError("missing_required_parameter", "Each line needs a non-empty string `custom_id`.", "custom_id", number));
            }

            if (!ids.Add(customId))
            {
                var echoed = customId.Length > MaxEchoedId ? customId[..MaxEchoedId] + "…" : customId;
                return (null, new BatchLineError("duplicate_custom_id", $"The `custom_id` `{echoed}` is used by an earlier line.", "custom_id", number));
            }

            if (!root.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.String || method.GetString() != "POST")
            {
                return (null, new BatchLineError("invalid_method", "`method` must be `POST`.", "method", number));
            }

            if (!root.TryGetProperty("url", out var url) || url.ValueKind != JsonValueKind.String || url.GetString() != endpoint)
            {
                return (null, new BatchLineError("invalid_url", $"`url` must be `{endpoint}`, the batch's endpoint.", "url", number));
            }

            return root.TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.Object
                ? (new BatchLine(customId, Encoding.UTF8.GetBytes(body.GetRawText())), null)
                : (null, new BatchLineError("missing_required_parameter", "Each line needs an object `body`.", "body", number));
        }
    }
}
