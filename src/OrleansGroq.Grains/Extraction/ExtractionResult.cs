using System.Text.Json;

namespace OrleansGroq.Grains.Extraction;

/// <summary>
/// An extraction's answer. <see cref="Data"/> always meets the schema's declared fields; when fewer than all were
/// found it is partial, and <see cref="Confidence"/> says whether to trust it (seed 001 §3.3: half the fields or more).
/// </summary>
public sealed record ExtractionResult(
    JsonElement Data,
    ExtractionSource Source,
    ExtractionConfidence Confidence,
    int Found,
    int Total,
    string Model,
    int LlmCalls,
    int ValidationRetries);
