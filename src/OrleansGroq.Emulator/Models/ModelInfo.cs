using System.Text;
using System.Text.Json;
using OrleansGroq.Emulator.Determinism;

namespace OrleansGroq.Emulator.Models;

/// <summary>A catalog model, resolved once at start with what the hot path needs pre-encoded.</summary>
internal sealed class ModelInfo
{
    public ModelInfo(ModelOptions options)
    {
        Id = options.Id;
        IdUtf8 = Encoding.UTF8.GetBytes(options.Id);
        EncodedId = JsonEncodedText.Encode(options.Id);
        Options = options;
        var hash = StableHash.Of(IdUtf8);
        SystemFingerprint = JsonEncodedText.Encode($"fp_{hash:x16}"[..13]);
        QueueTime = TimeSpan.FromMilliseconds(options.QueueTimeMs);
        TimeToFirstToken = TimeSpan.FromMilliseconds(options.TimeToFirstTokenMs);
    }

    public string Id { get; }

    public byte[] IdUtf8 { get; }

    public JsonEncodedText EncodedId { get; }

    public ModelOptions Options { get; }

    /// <summary>Stable per model, like Groq's <c>fp_</c> plus ten hex digits.</summary>
    public JsonEncodedText SystemFingerprint { get; }

    public TimeSpan QueueTime { get; }

    public TimeSpan TimeToFirstToken { get; }

    public ModelLimits DefaultLimits => Options.Limits;

    public bool Reasoning => Options.Reasoning;

    public bool PromptCaching => Options.PromptCaching;

    public bool Audio => Options.Audio;
}
