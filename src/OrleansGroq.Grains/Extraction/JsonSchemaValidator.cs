using System.Text.Json;

namespace OrleansGroq.Grains.Extraction;

/// <summary>
/// Checks model output against the client's schema, for the subset of JSON Schema that structured outputs use:
/// <c>type</c>, <c>properties</c>, <c>required</c>, <c>additionalProperties</c>, <c>items</c>, <c>enum</c>,
/// <c>const</c>, numeric bounds, string lengths, <c>pattern</c>, the common <c>format</c>s, item counts,
/// <c>anyOf</c>/<c>oneOf</c>/<c>allOf</c> and local <c>$ref</c>s. Other keywords are ignored, as JSON Schema
/// does with unknown ones. <c>$ref</c> siblings apply too (the 2020-12 reading). Malformed keyword values are
/// skipped rather than thrown on; <see cref="SchemaCheck"/> is where a schema is judged.
/// </summary>
public static class JsonSchemaValidator
{
    /// <summary>Every violation found; empty when <paramref name="instance"/> is valid.</summary>
    public static IReadOnlyList<SchemaViolation> Validate(JsonElement schema, JsonElement instance) =>
        new SchemaWalker(schema).Collect(schema, instance);

    /// <summary>Whether <paramref name="instance"/> is valid; stops at the first violation.</summary>
    public static bool IsValid(JsonElement schema, JsonElement instance) =>
        new SchemaWalker(schema).IsValid(schema, instance);
}
