namespace OrleansGroq.Emulator.Control;

/// <summary>Answer of <c>POST /_emulator/faults</c>.</summary>
internal sealed record FaultAdded(string Id);
