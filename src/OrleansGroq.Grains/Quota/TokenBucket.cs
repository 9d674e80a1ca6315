namespace OrleansGroq.Grains.Quota;

/// <summary>
/// One bucket that refills continuously, as Groq's do: capacity C over window W refills C/W per second, computed
/// from the time elapsed since the last refill. The level is fractional and may go below zero when real usage
/// exceeded what was reserved. Not thread-safe.
/// </summary>
internal sealed class TokenBucket
{
    // Beyond this a wait is meaningless; it keeps TimeSpan arithmetic far from overflow.
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(3650);

    public TokenBucket(long capacity, TimeSpan window, double level, DateTimeOffset refilledAt)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        Capacity = capacity;
        Window = window;
        Level = Math.Min(level, capacity);
        RefilledAt = refilledAt;
    }

    public long Capacity { get; private set; }

    public TimeSpan Window { get; }

    /// <summary>The level as of <see cref="RefilledAt"/>.</summary>
    public double Level { get; private set; }

    public DateTimeOffset RefilledAt { get; private set; }

    public double RatePerSecond => Capacity / Window.TotalSeconds;

    public static TokenBucket Full(long capacity, TimeSpan window, DateTimeOffset now) => new(capacity, window, capacity, now);

    public void Refill(DateTimeOffset now)
    {
        // A time before the last refill (a clock stepped back, or another node's clock behind this one's) refills
        // nothing, and the later time is kept so that no interval is ever refilled twice.
        if (now <= RefilledAt)
        {
            return;
        }

        // No overflow: the difference of two DateTimeOffsets always fits a TimeSpan, and a huge gap only gives a
        // huge refill in doubles, which the capacity caps.
        Level = Math.Min(Capacity, Level + ((now - RefilledAt).TotalSeconds * RatePerSecond));
        RefilledAt = now;
    }

    /// <summary>Whole units above <paramref name="reserve"/> (a share of capacity), never negative.</summary>
    public long Room(double reserve) => (long)Math.Max(0, Math.Floor(Level - (reserve * Capacity)));

    /// <summary>The most one grant can ever be, from a full bucket of <paramref name="capacity"/>, leaving <paramref name="reserve"/>.</summary>
    public static long MaxGrant(long capacity, double reserve) => (long)Math.Floor(capacity - (reserve * capacity));

    public void Take(long amount) => Level -= amount;

    /// <summary>Adds budget back, capped at capacity; a negative amount is a charge and may take the level below zero.</summary>
    public void Add(double amount) => Level = Math.Min(Capacity, Level + amount);

    /// <summary>The most a bucket at this level could grant within <paramref name="span"/>: its level and the refill over it, never negative.</summary>
    public double MostGrantableWithin(TimeSpan span) => Math.Max(0, Level + (span.TotalSeconds * RatePerSecond));

    public void LowerTo(double ceiling) => Level = Math.Min(Level, ceiling);

    /// <summary>Changes the capacity: a smaller one caps the level, a larger one fills by refill from now on.</summary>
    public void Resize(long capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        Level = Math.Min(Level, capacity);
    }

    /// <summary>Time until <see cref="Room"/> reaches <paramref name="amount"/> by refill alone; zero when it already has.</summary>
    public TimeSpan TimeUntil(long amount, double reserve)
    {
        var missing = amount + (reserve * Capacity) - Level;
        if (missing <= 0)
        {
            return TimeSpan.Zero;
        }

        var seconds = missing / RatePerSecond;
        return seconds >= LongestWait.TotalSeconds ? LongestWait : TimeSpan.FromTicks((long)Math.Ceiling(seconds * TimeSpan.TicksPerSecond));
    }
}
