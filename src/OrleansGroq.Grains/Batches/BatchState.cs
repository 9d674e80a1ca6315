using OrleansGroq.Abstractions.Batches;

namespace OrleansGroq.Grains.Batches;

/// <summary>The persistent state of a <see cref="BatchGrain"/>. Storage keeps it as JSON, by property name.</summary>
[GenerateSerializer]
internal sealed class BatchState
{
    /// <summary>The batch as last written; null until it is created. Its counts are those of that write.</summary>
    [Id(0)]
    public BatchView? Batch { get; set; }

    /// <summary>
    /// The ids the output and error files get, chosen at creation: a finalization cut short by a silo's death is
    /// done again with the same ids, so it stores each file once (<see cref="IBatchFileStore.SaveAsync"/>).
    /// </summary>
    [Id(1)]
    public string? OutputFileId { get; set; }

    [Id(2)]
    public string? ErrorFileId { get; set; }
}
