namespace OrleansGroq.Emulator.Completions;

/// <summary>
/// A cheap, deterministic token estimate: one token per 4 bytes of UTF-8 text (rounded up), 4 more
/// per message for its role and framing, 3 for priming the reply, 85 per image, tools at 4 bytes per
/// token of their JSON. Real tokenizers differ; what matters is that every party counts the same.
/// </summary>
internal static class TokenEstimator
{
    public const int BytesPerToken = 4;
    public const int PerMessage = 4;
    public const int ReplyPriming = 3;
    public const int PerImage = 85;

    public static int ForText(int utf8Bytes) => (utf8Bytes + BytesPerToken - 1) / BytesPerToken;

    public static int ForText(string text) => ForText(System.Text.Encoding.UTF8.GetByteCount(text));
}
