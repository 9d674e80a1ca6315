namespace OrleansGroq.Testing.Fuzz;

/// <summary>A request a fuzz case sends, on a connection of its own.</summary>
internal abstract class FuzzRequest
{
    /// <summary>Sends the request and reads the whole answer; a request that gets none is answered with <see cref="FuzzAnswer.None"/>.</summary>
    public abstract Task<FuzzAnswer> SendAsync(FuzzTarget target, CancellationToken cancellationToken);
}
