using System.Text.Json;

namespace OrleansGroq.Silo.Extraction;

/// <summary>The fields of an extraction request body.</summary>
public sealed record ExtractionFields(string Text, JsonElement Schema, string? Model, string? Instructions);
