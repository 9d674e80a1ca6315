using System.Text.Json.Serialization;

namespace OrleansGroq.Silo.Statistics;

/// <summary>Source-generated JSON for <c>GET /admin/models</c>; nulls are written, so every field is always present.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ModelStatisticsList))]
internal sealed partial class StatisticsJsonContext : JsonSerializerContext;
