namespace OrleansGroq.Emulator.Batches;

/// <summary>Why an input line was refused while the batch was validated: <c>errors.data[]</c> of a failed batch.</summary>
/// <param name="Line">The 1-based line of the input file.</param>
internal sealed record BatchLineError(string Code, string Message, string? Param, int Line);
