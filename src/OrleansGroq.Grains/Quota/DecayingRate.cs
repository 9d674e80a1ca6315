namespace OrleansGroq.Grains.Quota;

/// <summary>
/// A rate that forgets: every amount added decays exponentially with the time constant, so the sum follows the
/// rate of about the last time constant, at the cost of one exponential per update and no queue of events.
/// A steady rate r settles at a sum of r times the time constant. Not thread-safe.
/// </summary>
internal sealed class DecayingRate(TimeSpan timeConstant)
{
    private readonly double _seconds = timeConstant > TimeSpan.Zero
        ? timeConstant.TotalSeconds
        : throw new ArgumentOutOfRangeException(nameof(timeConstant), timeConstant, "The time constant must be positive.");

    private double _sum;
    private DateTimeOffset _at;

    public void Add(double amount, DateTimeOffset now)
    {
        Decay(now);
        _sum += amount;
    }

    public double PerSecond(DateTimeOffset now)
    {
        Decay(now);
        return _sum / _seconds;
    }

    // A clock that went backwards decays nothing.
    private void Decay(DateTimeOffset now)
    {
        if (now > _at)
        {
            _sum *= Math.Exp(-(now - _at).TotalSeconds / _seconds);
            _at = now;
        }
    }
}
