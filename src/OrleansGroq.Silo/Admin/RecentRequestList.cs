namespace OrleansGroq.Silo.Admin;

/// <summary>The body of <c>GET /admin/requests</c>: this silo's last API requests, newest first.</summary>
internal sealed record RecentRequestList(IReadOnlyList<RecentRequestView> Requests);
