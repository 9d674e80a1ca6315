namespace OrleansGroq.Silo.Http;

/// <summary>Marks an endpoint as counted against the node's concurrency limit.</summary>
internal sealed class ConcurrencyLimitMetadata
{
    public static readonly ConcurrencyLimitMetadata Instance = new();

    private ConcurrencyLimitMetadata()
    {
    }
}
