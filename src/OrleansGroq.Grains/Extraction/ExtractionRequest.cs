using System.Text.Json;
using OrleansGroq.Abstractions.Routing;

namespace OrleansGroq.Grains.Extraction;

/// <summary>Text to extract from, the schema the answer must meet, and the model to ask first.</summary>
public sealed record ExtractionRequest(string Text, JsonElement Schema, ModelSpec Model, string? Instructions);
