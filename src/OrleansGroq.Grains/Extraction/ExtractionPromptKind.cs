namespace OrleansGroq.Grains.Extraction;

/// <summary>Which prompt an extraction attempt sends.</summary>
public enum ExtractionPromptKind
{
    /// <summary>The first attempt: the schema in the prompt and as <c>response_format: json_schema</c>.</summary>
    Full,

    /// <summary>
    /// The retry after <c>json_validate_failed</c> (seed 001 §2.1): field names and types only, in JSON mode, since
    /// a model that failed the schema once tends to fail it again and any object can still be salvaged.
    /// </summary>
    Simplified,
}
