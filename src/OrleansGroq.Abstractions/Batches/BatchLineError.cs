namespace OrleansGroq.Abstractions.Batches;

/// <summary>Why an input line was refused while the batch was validated: one of <c>errors.data[]</c> of a failed batch.</summary>
/// <param name="Line">The 1-based line of the input file; 0 for the file as a whole.</param>
[GenerateSerializer, Immutable]
public sealed record BatchLineError(string Code, string Message, string? Param, int Line);
