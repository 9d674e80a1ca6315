namespace OrleansGroq.Abstractions.Batches;

/// <summary>Groq's batch statuses.</summary>
public enum BatchStatus
{
    Validating,
    InProgress,
    Finalizing,
    Completed,
    Failed,
    Expired,
    Cancelling,
    Cancelled,
}
