namespace OrleansGroq.Emulator.Completions;

/// <summary>A generated function call; <see cref="Arguments"/> is a JSON object as a string, as on the wire.</summary>
internal sealed record ToolCall(string Id, string Name, string Arguments);
