namespace OrleansGroq.Grains.Batches;

/// <summary>
/// Runs one batch line through the same pipeline as a chat completion (admission with the tenant's fair share and
/// quota at batch priority, routing, cache, cascade), for the tenant that owns the batch. The host supplies it.
/// </summary>
public interface IBatchItemRunner
{
    /// <summary>The pipeline's answer to <paramref name="body"/>, a chat completion request, made for <paramref name="tenant"/>.</summary>
    Task<BatchItemAnswer> RunAsync(string tenant, byte[] body, CancellationToken cancellationToken);
}
