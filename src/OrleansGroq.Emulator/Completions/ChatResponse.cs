using OrleansGroq.Emulator.Models;

namespace OrleansGroq.Emulator.Completions;

/// <summary>Everything a response carries besides the completion itself; shared by both wire forms.</summary>
internal sealed record ChatResponse(
    string Id,
    long Created,
    ModelInfo Model,
    string RequestId,
    long Seed,
    string ServiceTier,
    Completion Completion,
    Usage Usage);
