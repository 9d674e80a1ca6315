namespace OrleansGroq.Testing.Fuzz;

/// <summary>Cases sent together; all valid or all invalid, so the upstream calls a batch made belong to one kind.</summary>
internal sealed record FuzzBatch(IReadOnlyList<FuzzCase> Cases, bool Valid)
{
    public IEnumerable<FuzzBatch> Split(int size) => Cases.Chunk(Math.Max(1, size)).Select(chunk => this with { Cases = chunk });
}
