namespace OrleansGroq.Silo.Admin;

/// <summary>The body of <c>GET /admin/cluster</c>: the silos in Orleans' membership table.</summary>
public sealed record ClusterView(IReadOnlyList<SiloView> Silos);
