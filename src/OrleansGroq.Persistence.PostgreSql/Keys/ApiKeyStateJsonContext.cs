using System.Text.Json.Serialization;

namespace OrleansGroq.Persistence.PostgreSql.Keys;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ApiKeyStatePayload))]
internal sealed partial class ApiKeyStateJsonContext : JsonSerializerContext;
