using System.Text.Json.Serialization;

namespace OrleansGroq.Silo.Endpoints;

/// <summary>
/// One entry of <c>GET /models</c>, with the fields Groq returns. An alias is an entry of its own, shaped like its
/// model's (so SDKs list it like any model), marked by <c>x_orleansgroq.alias_of</c>; Groq's models have no such field.
/// </summary>
public sealed record ModelEntry(
    string Id,
    string Object,
    long Created,
    string OwnedBy,
    bool Active,
    int ContextWindow,
    object? PublicApps,
    int MaxCompletionTokens,
    [property: JsonPropertyName("x_orleansgroq"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ModelAliasInfo? Alias = null);
