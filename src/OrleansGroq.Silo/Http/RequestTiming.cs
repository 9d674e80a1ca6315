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

    public string OverheadMilliseconds()
    {
        var overhead = time.GetElapsedTime(_started) - Upstream;
        return Math.Max(0, overhead.TotalMilliseconds).ToString("0.000", CultureInfo.InvariantCulture);
    }
}
