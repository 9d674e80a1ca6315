namespace OrleansGroq.Emulator.Limits;

/// <summary>
/// A continuously refilling bucket, as Groq's limits are: capacity C over window W refills C/W per
/// second, computed from elapsed time on the injected clock. Not thread-safe: <see cref="BucketSet"/>
/// guards it. The level may go below zero when real usage exceeds what was admitted.
/// </summary>
internal sealed class TokenBucket
{
    // Beyond this a wait is meaningless; it keeps TimeSpan arithmetic far from overflow.
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(3650);

    private readonly TimeProvider _time;
    private double _level;
    private long _lastRefill;

    public TokenBucket(long capacity, TimeSpan window, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        Capacity = capacity;
        RatePerSecond = capacity / window.TotalSeconds;
        _time = time;
        _level = capacity;
        _lastRefill = time.GetTimestamp();
    }

    public long Capacity { get; }

    public double RatePerSecond { get; }

    /// <summary>The current level after refilling (fractional, possibly negative).</summary>
    public double Level
    {
        get
        {
            Refill();
            return _level;
        }
    }

    /// <summary>Whole units available now, as the <c>remaining</c> headers show them.</summary>
    public long Remaining => Level <= 0 ? 0 : (long)Math.Floor(_level);

    /// <summary>Units counted as used, as the 429 message shows them.</summary>
    public long Used => (long)Math.Ceiling(Math.Max(0, Capacity - Level));

    public bool CanTake(double amount) => Level >= amount;

    public void Take(double amount)
    {
        Refill();
        _level -= amount;
    }

    /// <summary>Time until <paramref name="amount"/> is available; zero when it already is.</summary>
    public TimeSpan TimeUntil(double amount)
    {
        var missing = amount - Level;
        if (missing <= 0)
        {
            return TimeSpan.Zero;
        }

        var seconds = missing / RatePerSecond;
        return seconds >= LongestWait.TotalSeconds
            ? LongestWait
            : TimeSpan.FromTicks((long)Math.Ceiling(seconds * TimeSpan.TicksPerSecond));
    }

    public TimeSpan TimeUntilFull => TimeUntil(Capacity);

    private void Refill()
    {
        var now = _time.GetTimestamp();
        if (now <= _lastRefill)
        {
            // A clock that went backwards refills nothing and restarts from here.
            _lastRefill = now;
            return;
        }

        // Doubles cannot overflow here: a huge gap gives a huge (or infinite) refill that Min caps.
        var elapsedSeconds = (now - (double)_lastRefill) / _time.TimestampFrequency;
        _level = Math.Min(Capacity, _level + (elapsedSeconds * RatePerSecond));
        _lastRefill = now;
    }
}
