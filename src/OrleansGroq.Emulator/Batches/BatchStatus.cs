namespace OrleansGroq.Emulator.Batches;

/// <summary>A batch's lifecycle, in Groq's words (see README.md).</summary>
internal enum BatchStatus
{
    Validating,
    Failed,
    InProgress,
    Finalizing,
    Completed,
    Expired,
    Cancelling,
    Cancelled,
}
