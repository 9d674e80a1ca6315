namespace OrleansGroq.Grains.Extraction;

/// <summary>Where an extraction's data came from.</summary>
public enum ExtractionSource
{
    /// <summary>A model's answer that met the schema as it came.</summary>
    Model,

    /// <summary>A model's answer (or failed generation) recovered by the lenient parser, pruned to its valid fields and completed by regex.</summary>
    Repaired,

    /// <summary>Regex patterns over the text alone: no model answer was usable.</summary>
    Regex,
}
