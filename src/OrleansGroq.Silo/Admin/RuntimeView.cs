namespace OrleansGroq.Silo.Admin;

/// <summary>The body of <c>GET /admin/runtime</c>: every silo's activations, and this process's memory.</summary>
public sealed record RuntimeView(
    IReadOnlyList<SiloActivations> Silos, long GcHeapBytes, long WorkingSetBytes, int Gen0Collections, int Gen2Collections);
