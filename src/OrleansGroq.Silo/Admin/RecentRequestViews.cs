using OrleansGroq.Silo.Telemetry;

namespace OrleansGroq.Silo.Admin;

/// <summary>Builds <c>GET /admin/requests</c> from the silo's <see cref="RecentRequests"/>.</summary>
internal static class RecentRequestViews
{
    public static RecentRequestList Read(RecentRequests recent, int limit) =>
        new([.. recent.Latest(limit).Select(ToView)]);

    private static RecentRequestView ToView(RequestRecord r) => new(
        r.RequestId,
        r.Time.UtcDateTime,
        r.Tenant,
        r.Endpoint,
        r.ModelAsked,
        r.UsedModel,
        r.Key,
        r.Status,
        r.Attempts,
        [.. r.CascadeTargets()],
        r.DegradedCause,
        r.PromptTokens,
        r.CompletionTokens,
        Math.Round(r.Own.TotalMilliseconds, 3),
        Math.Round(r.Upstream.TotalMilliseconds, 1));
}
