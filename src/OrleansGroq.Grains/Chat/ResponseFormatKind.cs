namespace OrleansGroq.Grains.Chat;

/// <summary>What a request's <c>response_format</c> asks for, as far as routing cares.</summary>
public enum ResponseFormatKind
{
    None,
    Text,
    JsonObject,
    JsonSchema,

    /// <summary>A JSON schema with <c>strict: true</c>, which only strict-capable models accept.</summary>
    StrictJsonSchema,
}
