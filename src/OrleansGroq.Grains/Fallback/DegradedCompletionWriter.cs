using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace OrleansGroq.Grains.Fallback;

/// <summary>
/// Writes a <see cref="LocalAnswer"/> as an OpenAI chat completion that any client library accepts, marked as degraded
/// by an extra top-level <c>x_orleansgroq</c> object (clients ignore unknown fields) that also carries what the
/// fallback found. Usage is all zeros: no tokens were spent.
/// </summary>
public sealed class DegradedCompletionWriter(TimeProvider time)
{
    private const string IdPrefix = "chatcmpl-local-";
    private const int IdRandomBytes = 12;

    /// <summary>Writes one <c>chat.completion</c> object, for a client that did not ask to stream.</summary>
    public void WriteCompletion(IBufferWriter<byte> output, LocalAnswer answer, string model)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(model);
        Span<char> id = stackalloc char[IdPrefix.Length + (2 * IdRandomBytes)];
        NewId(id);
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        WriteHeader(writer, id, "chat.completion"u8, Created(), model);
        writer.WriteStartArray("choices"u8);
        writer.WriteStartObject();
        writer.WriteNumber("index"u8, 0);
        writer.WriteStartObject("message"u8);
        writer.WriteString("role"u8, "assistant"u8);
        writer.WriteString("content"u8, answer.Reply);
        writer.WriteEndObject();
        writer.WriteNull("logprobs"u8);
        writer.WriteString("finish_reason"u8, "stop"u8);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteStartObject("usage"u8);
        writer.WriteNumber("prompt_tokens"u8, 0);
        writer.WriteNumber("completion_tokens"u8, 0);
        writer.WriteNumber("total_tokens"u8, 0);
        writer.WriteEndObject();
        WriteDegradation(writer, answer);
        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes the answer as server-sent events for a client that asked to stream: one chunk with the role and the whole
    /// reply, one with an empty delta, <c>finish_reason</c> <c>stop</c> and <c>x_orleansgroq</c>, then <c>data: [DONE]</c>.
    /// </summary>
    public void WriteStream(IBufferWriter<byte> output, LocalAnswer answer, string model)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(model);
        Span<char> id = stackalloc char[IdPrefix.Length + (2 * IdRandomBytes)];
        NewId(id);
        var created = Created();
        using var writer = new Utf8JsonWriter(output);

        output.Write("data: "u8);
        BeginChunk(writer, id, created, model);
        writer.WriteString("role"u8, "assistant"u8);
        writer.WriteString("content"u8, answer.Reply);
        EndChunk(writer, finished: false);
        writer.WriteEndObject();
        writer.Flush();
        writer.Reset();

        output.Write("\n\ndata: "u8);
        BeginChunk(writer, id, created, model);
        EndChunk(writer, finished: true);
        WriteDegradation(writer, answer);
        writer.WriteEndObject();
        writer.Flush();

        output.Write("\n\ndata: [DONE]\n\n"u8);
    }

    private static void NewId(Span<char> id)
    {
        IdPrefix.CopyTo(id);
        Span<byte> random = stackalloc byte[IdRandomBytes];
        RandomNumberGenerator.Fill(random);
        Convert.TryToHexStringLower(random, id[IdPrefix.Length..], out _);
    }

    private long Created() => time.GetUtcNow().ToUnixTimeSeconds();

    private static void WriteHeader(Utf8JsonWriter writer, ReadOnlySpan<char> id, ReadOnlySpan<byte> objectType, long created, string model)
    {
        writer.WriteString("id"u8, id);
        writer.WriteString("object"u8, objectType);
        writer.WriteNumber("created"u8, created);
        writer.WriteString("model"u8, model);
    }

    private static void BeginChunk(Utf8JsonWriter writer, ReadOnlySpan<char> id, long created, string model)
    {
        writer.WriteStartObject();
        WriteHeader(writer, id, "chat.completion.chunk"u8, created, model);
        writer.WriteStartArray("choices"u8);
        writer.WriteStartObject();
        writer.WriteNumber("index"u8, 0);
        writer.WriteStartObject("delta"u8);
    }

    private static void EndChunk(Utf8JsonWriter writer, bool finished)
    {
        writer.WriteEndObject();
        writer.WriteNull("logprobs"u8);
        if (finished)
        {
            writer.WriteString("finish_reason"u8, "stop"u8);
        }
        else
        {
            writer.WriteNull("finish_reason"u8);
        }

        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    private static void WriteDegradation(Utf8JsonWriter writer, LocalAnswer answer)
    {
        writer.WriteStartObject("x_orleansgroq"u8);
        writer.WriteString("degraded"u8, "local"u8);
        writer.WriteString("reason"u8, answer.Reason);
        writer.WriteStartObject("extracted"u8);
        foreach (var (name, values) in answer.Extracted)
        {
            writer.WriteStartArray(name);
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteNumber("risk_score"u8, answer.RiskScore);
        writer.WriteBoolean("blocked"u8, answer.Blocked);
        writer.WriteBoolean("repetition"u8, answer.Repetition);
        writer.WriteEndObject();
    }
}
