namespace OrleansGroq.Abstractions.Batches;

/// <summary>The result of one line of a batch: its <c>custom_id</c>, how it ended, and its line of the output or error file.</summary>
/// <param name="Line">The JSONL line, newline included.</param>
public sealed record BatchResult(string CustomId, BatchOutcome Outcome, byte[] Line);
