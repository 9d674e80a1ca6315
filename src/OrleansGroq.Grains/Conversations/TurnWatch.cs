namespace OrleansGroq.Grains.Conversations;

/// <summary>
/// Ends a running turn that its caller will never end: when its lease runs out, or when the cluster declares its front
/// end dead, whichever comes first, it calls back once with the reason. The lease is the backstop for a caller that
/// stalls or a death the membership does not report. Disposing it stops both; the callback may run on any thread.
/// </summary>
internal sealed class TurnWatch : IDisposable
{
    private readonly CancellationTokenSource _lease;
    private readonly CancellationTokenSource _lost;
    private readonly CancellationTokenRegistration _registration;

    /// <param name="lease">How long the turn may run.</param>
    /// <param name="time">The clock the lease runs on.</param>
    /// <param name="frontEndDied">Cancelled when the turn's front-end silo is declared dead; none when the turn names no front end.</param>
    /// <param name="onLost">Called once, with why the turn was let go.</param>
    public TurnWatch(TimeSpan lease, TimeProvider time, CancellationToken frontEndDied, Action<TurnLoss> onLost)
    {
        _lease = new CancellationTokenSource(lease, time);
        _lost = CancellationTokenSource.CreateLinkedTokenSource(_lease.Token, frontEndDied);
        _registration = _lost.Token.Register(() => onLost(frontEndDied.IsCancellationRequested ? TurnLoss.FrontEndDied : TurnLoss.LeaseExpired));
    }

    public void Dispose()
    {
        _registration.Dispose();
        _lost.Dispose();
        _lease.Dispose();
    }
}
