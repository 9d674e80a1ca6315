using System.Text.Json.Serialization;

namespace OrleansGroq.Silo.Usage;

/// <summary>Source-generated JSON for <c>GET /admin/usage</c>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(UsageReport))]
internal sealed partial class UsageJsonContext : JsonSerializerContext;
