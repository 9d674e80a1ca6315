using System.Buffers;
using System.Text.Json;

namespace OrleansGroq.Emulator.Completions;

/// <summary>Writes a completion's text fields, assembling word runs in a pooled buffer first.</summary>
internal static class ContentText
{
    public static readonly byte[] ThinkOpen = "<think>\n"u8.ToArray();
    public static readonly byte[] ThinkClose = "\n</think>\n\n"u8.ToArray();

    /// <summary>The <c>content</c> string: JSON text, or words (after raw reasoning in think tags).</summary>
    public static void WriteContent(Utf8JsonWriter writer, Completion completion)
    {
        if (completion.Json is not null)
        {
            writer.WriteString("content"u8, completion.Json);
            return;
        }

        var raw = completion.ReasoningFormat == ReasoningFormat.Raw && completion.Reasoning.Count > 0;
        var size = completion.Content.MaxBytes + (raw ? completion.Reasoning.MaxBytes + ThinkOpen.Length + ThinkClose.Length : 0);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
        try
        {
            var length = 0;
            if (raw)
            {
                ThinkOpen.CopyTo(buffer, 0);
                length = ThinkOpen.Length;
                length += completion.Reasoning.WriteTo(buffer.AsSpan(length));
                ThinkClose.CopyTo(buffer, length);
                length += ThinkClose.Length;
            }

            length += completion.Content.WriteTo(buffer.AsSpan(length));
            writer.WriteString("content"u8, buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static void WriteWords(Utf8JsonWriter writer, ReadOnlySpan<byte> name, WordRun run)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(run.MaxBytes, 1));
        try
        {
            var length = run.WriteTo(buffer);
            writer.WriteString(name, buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
