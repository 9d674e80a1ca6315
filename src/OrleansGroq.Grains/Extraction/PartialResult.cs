using System.Text.Json;

namespace OrleansGroq.Grains.Extraction;

/// <summary>
/// A candidate object cut down to the schema's top-level properties that are present and valid
/// (<paramref name="Value"/>), with how many of the <paramref name="Total"/> declared properties that is.
/// </summary>
public sealed record PartialResult(JsonElement Value, int Found, int Total, ExtractionConfidence Confidence)
{
    /// <summary>Found over total; 1 for a schema that declares no properties, since nothing is missing.</summary>
    public double Ratio => Total == 0 ? 1 : (double)Found / Total;

    /// <summary>True when some declared property is missing or was dropped as invalid.</summary>
    public bool IsPartial => Found < Total;
}
