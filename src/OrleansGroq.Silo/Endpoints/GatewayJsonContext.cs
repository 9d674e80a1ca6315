using System.Text.Json.Serialization;

namespace OrleansGroq.Silo.Endpoints;

/// <summary>Source-generated JSON for the few bodies the gateway writes itself.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(ModelEntry))]
[JsonSerializable(typeof(Admin.RuntimeView))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
