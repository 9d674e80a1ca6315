using System.Text.Json;
using OrleansGroq.Grains.Chat;

namespace OrleansGroq.Silo.Http;

/// <summary>
/// Replaces the <c>model</c> value of a chat body in place (an alias becomes the model it resolved to),
/// copying the bytes around it untouched rather than re-serialising the body.
/// </summary>
public static class ModelRewrite
{
    /// <returns>A new body, or null when the body already names <paramref name="model"/>.</returns>
    public static PooledBody? Apply(PooledBody body, ChatRequest request, string model)
    {
        if (request.Model == model)
        {
            return null;
        }

        var encoded = JsonEncodedText.Encode(model).EncodedUtf8Bytes;
        var (offset, length) = request.ModelValueRange.GetOffsetAndLength(body.Length);
        var rewritten = new PooledBody(body.Length - length + encoded.Length + 2);
        rewritten.Append(body.Span[..offset]);
        rewritten.Append("\""u8);
        rewritten.Append(encoded);
        rewritten.Append("\""u8);
        rewritten.Append(body.Span[(offset + length)..]);
        return rewritten;
    }
}
