namespace OrleansGroq.Emulator.Batches;

/// <summary>
/// One batch and where it stands. The runner moves it along; the endpoints read it. Every change and every read holds
/// <see cref="Sync"/>, so a reader never sees counts that disagree with the status.
/// </summary>
internal sealed class BatchJob(
    string id, string accountId, string inputFileId, string endpoint, string completionWindow, IReadOnlyDictionary<string, string>? metadata, DateTimeOffset createdAt, DateTimeOffset expiresAt)
{
    public object Sync { get; } = new();

    public string Id { get; } = id;

    public string AccountId { get; } = accountId;

    public string InputFileId { get; } = inputFileId;

    public string Endpoint { get; } = endpoint;

    public string CompletionWindow { get; } = completionWindow;

    public IReadOnlyDictionary<string, string>? Metadata { get; } = metadata;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    /// <summary>Set by a cancel; the runner stops taking lines.</summary>
    public CancellationTokenSource Cancellation { get; } = new();

    public BatchStatus Status { get; private set; } = BatchStatus.Validating;

    public DateTimeOffset? InProgressAt { get; private set; }

    public DateTimeOffset? FinalizingAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public DateTimeOffset? FailedAt { get; private set; }

    public DateTimeOffset? ExpiredAt { get; private set; }

    public DateTimeOffset? CancellingAt { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public string? OutputFileId { get; private set; }

    public string? ErrorFileId { get; private set; }

    public IReadOnlyList<BatchLineError>? Errors { get; private set; }

    public int Total { get; private set; }

    public int Completed { get; private set; }

    public int Failed { get; private set; }

    public bool IsFinished => Status is BatchStatus.Completed or BatchStatus.Failed or BatchStatus.Expired or BatchStatus.Cancelled;

    public void Reject(IReadOnlyList<BatchLineError> errors, DateTimeOffset now)
    {
        lock (Sync)
        {
            (Errors, Status, FailedAt) = (errors, BatchStatus.Failed, now);
        }
    }

    /// <summary>Validated: the lines start running, unless a cancel came first.</summary>
    public bool Start(int total, DateTimeOffset now)
    {
        lock (Sync)
        {
            Total = total;
            if (Status != BatchStatus.Validating)
            {
                return false;
            }

            (Status, InProgressAt) = (BatchStatus.InProgress, now);
            return true;
        }
    }

    public void Count(bool succeeded)
    {
        lock (Sync)
        {
            if (succeeded)
            {
                Completed++;
            }
            else
            {
                Failed++;
            }
        }
    }

    /// <summary>Asks the batch to stop; false when it has finished already.</summary>
    public bool RequestCancel(DateTimeOffset now)
    {
        lock (Sync)
        {
            if (IsFinished)
            {
                return false;
            }

            if (Status != BatchStatus.Cancelling)
            {
                (Status, CancellingAt) = (BatchStatus.Cancelling, now);
                Cancellation.Cancel();
            }

            return true;
        }
    }

    public void Finalizing(DateTimeOffset now)
    {
        lock (Sync)
        {
            if (Status == BatchStatus.InProgress)
            {
                (Status, FinalizingAt) = (BatchStatus.Finalizing, now);
            }
        }
    }

    /// <summary>Ends the batch with its files: cancelled when a cancel came, expired when the window closed, else completed.</summary>
    public void Finish(string? outputFileId, string? errorFileId, bool expired, DateTimeOffset now)
    {
        lock (Sync)
        {
            (OutputFileId, ErrorFileId) = (outputFileId, errorFileId);
            if (Status == BatchStatus.Cancelling)
            {
                (Status, CancelledAt) = (BatchStatus.Cancelled, now);
            }
            else if (expired)
            {
                (Status, ExpiredAt) = (BatchStatus.Expired, now);
            }
            else
            {
                (Status, CompletedAt) = (BatchStatus.Completed, now);
            }
        }
    }
}
