using System.Text.Json.Serialization;

namespace OrleansGroq.Grains.Conversations;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(SystemMessage))]
internal sealed partial class ConversationJsonContext : JsonSerializerContext;
