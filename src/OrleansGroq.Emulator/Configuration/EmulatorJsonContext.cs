using System.Text.Json.Serialization;
using OrleansGroq.Emulator.Control;

namespace OrleansGroq.Emulator.Configuration;

/// <summary>Source-generated snake_case serialization for configuration and the control API.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EmulatorOptions))]
[JsonSerializable(typeof(FaultRule))]
[JsonSerializable(typeof(EmulatorStats))]
[JsonSerializable(typeof(LimitsUpdate))]
[JsonSerializable(typeof(FaultAdded))]
internal sealed partial class EmulatorJsonContext : JsonSerializerContext;
