namespace OrleansGroq.Abstractions.Batches;

/// <summary>How one line of a batch ended.</summary>
public enum BatchOutcome
{
    /// <summary>Answered: a line of the output file, counted as completed.</summary>
    Completed,

    /// <summary>Refused or failed for good: a line of the error file, counted as failed.</summary>
    Failed,

    /// <summary>Not run before the window closed: a <c>batch_expired</c> line of the error file, counted as neither.</summary>
    Expired,
}
