using System.Globalization;

namespace OrleansGroq.Silo.Http;

/// <summary>
/// Per-request timing: when the gateway started on the request and how long it then waited on the
/// upstream, so the overhead header reports the gateway's own time only.
/// </summary>
public sealed class RequestTiming(TimeProvider time)
{
    private readonly long _started = time.GetTimestamp();

    public TimeSpan Upstream { get; set; }

    public int Attempts { get; set; }

    /// <summary>Awaits <paramref name="upstream"/>, counting the wait as upstream time: reading a whole answer's body is Groq's time, not the gateway's.</summary>
    public async Task<T> WaitOnUpstreamAsync<T>(Task<T> upstream)
    {
        var started = time.GetTimestamp();
        try
        {
            return await upstream;
        }
        finally
        {
            Upstream += time.GetElapsedTime(started);
        }
    }

    /// <summary>The gateway's own time so far: the time since the request arrived, less the upstream's.</summary>
    public TimeSpan Own()
    {
        var own = time.GetElapsedTime(_started) - Upstream;
        return own > TimeSpan.Zero ? own : TimeSpan.Zero;
    }

    public string OverheadMilliseconds() => Own().TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture);
}
