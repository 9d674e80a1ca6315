namespace OrleansGroq.Abstractions.Batches;

/// <summary>A cluster-mode batch as Groq's batch object shows it (see the emulator's Batches/README.md).</summary>
[GenerateSerializer, Immutable]
public sealed record BatchView
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required BatchSpec Spec { get; init; }

    [Id(2)] public BatchStatus Status { get; init; }

    [Id(3)] public IReadOnlyList<BatchLineError>? Errors { get; init; }

    [Id(4)] public string? OutputFileId { get; init; }

    [Id(5)] public string? ErrorFileId { get; init; }

    [Id(6)] public DateTimeOffset? InProgressAt { get; init; }

    [Id(7)] public DateTimeOffset? FinalizingAt { get; init; }

    [Id(8)] public DateTimeOffset? CompletedAt { get; init; }

    [Id(9)] public DateTimeOffset? FailedAt { get; init; }

    [Id(10)] public DateTimeOffset? ExpiredAt { get; init; }

    [Id(11)] public DateTimeOffset? CancellingAt { get; init; }

    [Id(12)] public DateTimeOffset? CancelledAt { get; init; }

    [Id(13)] public int Total { get; init; }

    [Id(14)] public int Completed { get; init; }

    [Id(15)] public int Failed { get; init; }

    /// <summary>Completed, failed, expired or cancelled: nothing changes it any more.</summary>
    public bool IsFinished => Status is BatchStatus.Completed or BatchStatus.Failed or BatchStatus.Expired or BatchStatus.Cancelled;
}
