namespace OrleansGroq.Grains.Extraction;

/// <summary>
/// How far an extraction result can be trusted, by the share of schema fields it holds valid values for
/// (seed 001 §3.3: trust 50% and more, discard under 25%).
/// </summary>
public enum ExtractionConfidence
{
    /// <summary>Every field is present and valid.</summary>
    Complete,

    /// <summary>At least half the fields: returned as a partial result.</summary>
    Trusted,

    /// <summary>From a quarter up to half the fields: returned, flagged as low confidence.</summary>
    Low,

    /// <summary>Under a quarter of the fields: not worth returning; log it for review.</summary>
    Discarded,
}
