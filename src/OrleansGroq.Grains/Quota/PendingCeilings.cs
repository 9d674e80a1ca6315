using OrleansGroq.Abstractions.Quota;

namespace OrleansGroq.Grains.Quota;

/// <summary>
/// What Groq last said the buckets hold, kept until this node's next lease carries it to the shared store at no
/// extra statement. A ceiling rises at its bucket's refill rate from the moment it was observed, as Groq's bucket
/// refills; one that reaches capacity says nothing any more and is dropped. Not thread-safe.
/// </summary>
internal sealed class PendingCeilings
{
    private static readonly double MinuteSeconds = TimeSpan.FromMinutes(1).TotalSeconds;
    private static readonly double DaySeconds = TimeSpan.FromDays(1).TotalSeconds;

    private double? _rpm;
    private double? _rpd;
    private double? _tpm;
    private double? _tpd;
    private DateTimeOffset _at;

    public bool IsEmpty => _rpm is null && _rpd is null && _tpm is null && _tpd is null;

    /// <summary>Merges ceilings observed at <paramref name="now"/>, keeping the lower of old and new per bucket.</summary>
    public void Add(QuotaCeilings ceilings, QuotaLimits limits, DateTimeOffset now)
    {
        Advance(limits, now);
        _rpm = Lower(_rpm, ceilings.Rpm, limits.Rpm);
        _rpd = Lower(_rpd, ceilings.Rpd, limits.Rpd);
        _tpm = Lower(_tpm, ceilings.Tpm, limits.Tpm);
        _tpd = Lower(_tpd, ceilings.Tpd, limits.Tpd);
    }

    /// <summary>Returns the ceilings as of <paramref name="now"/>, or <see langword="null"/> when there are none, and forgets them.</summary>
    public QuotaCeilings? Take(QuotaLimits limits, DateTimeOffset now)
    {
        Advance(limits, now);
        if (IsEmpty)
        {
            return null;
        }

        var ceilings = new QuotaCeilings(_rpm, _rpd, _tpm, _tpd);
        _rpm = _rpd = _tpm = _tpd = null;
        return ceilings;
    }

    private void Advance(QuotaLimits limits, DateTimeOffset now)
    {
        if (now <= _at)
        {
            return;
        }

        var seconds = (now - _at).TotalSeconds;
        _rpm = Rise(_rpm, limits.Rpm, seconds / MinuteSeconds);
        _rpd = Rise(_rpd, limits.Rpd, seconds / DaySeconds);
        _tpm = Rise(_tpm, limits.Tpm, seconds / MinuteSeconds);
        _tpd = Rise(_tpd, limits.Tpd, seconds / DaySeconds);
        _at = now;
    }

    private static double? Rise(double? ceiling, long capacity, double windows) =>
        ceiling is { } value && value + (capacity * windows) is var risen && risen < capacity ? risen : null;

    private static double? Lower(double? current, double? observed, long capacity) =>
        observed is not { } value || value >= capacity ? current
        : current is { } existing ? Math.Min(existing, value)
        : value;
}
