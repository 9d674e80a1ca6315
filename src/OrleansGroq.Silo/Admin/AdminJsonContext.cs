using System.Text.Json.Serialization;

namespace OrleansGroq.Silo.Admin;

/// <summary>Source-generated JSON for the admin bodies; nulls are written, so every field is always present.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(KeyList))]
[JsonSerializable(typeof(QuotaList))]
[JsonSerializable(typeof(ClusterView))]
[JsonSerializable(typeof(RecentRequestList))]
internal sealed partial class AdminJsonContext : JsonSerializerContext;
