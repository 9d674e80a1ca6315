namespace OrleansGroq.Grains.Quota;

/// <summary>
/// One turn at a time, as a grain's turns: <c>using (await gate.EnterAsync()) { ... }</c>. Uncontended, entering
/// completes at once without allocating.
/// </summary>
internal sealed class TurnGate
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    public async ValueTask<Turn> EnterAsync()
    {
        await _semaphore.WaitAsync().ConfigureAwait(false);
        return new Turn(_semaphore);
    }

    /// <summary>A turn held; disposing it lets the next one in.</summary>
    public readonly struct Turn(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }
}
