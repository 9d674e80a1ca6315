namespace OrleansGroq.Silo.Telemetry;

/// <summary>
/// The last <see cref="Capacity"/> API requests this silo finished, in memory, for <c>GET /admin/requests</c>: a ring
/// that overwrites the oldest, so its memory is bounded whatever the traffic.
/// </summary>
public sealed class RecentRequests
{
    public const int Capacity = 200;

    private readonly RequestRecord?[] _ring = new RequestRecord?[Capacity];
    private readonly Lock _lock = new();
    private long _added;

    public void Add(RequestRecord request)
    {
        // A few nanoseconds under the lock: one store and one increment.
        lock (_lock)
        {
            _ring[_added % Capacity] = request;
            _added++;
        }
    }

    /// <summary>Up to <paramref name="limit"/> requests, newest first.</summary>
    public IReadOnlyList<RequestRecord> Latest(int limit)
    {
        lock (_lock)
        {
            var count = (int)Math.Min(Math.Min(limit, Capacity), _added);
            var latest = new RequestRecord[count];
            for (var i = 0; i < count; i++)
            {
                latest[i] = _ring[(_added - 1 - i) % Capacity]!;
            }

            return latest;
        }
    }
}
