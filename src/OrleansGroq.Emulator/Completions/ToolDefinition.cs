namespace OrleansGroq.Emulator.Completions;

/// <summary>A function tool; <see cref="Parameters"/> is its JSON schema as sent, or null.</summary>
internal sealed record ToolDefinition(string Name, byte[]? Parameters);
