namespace OrleansGroq.Silo.Admin;

/// <summary>The body of <c>GET /admin/runtime</c>.</summary>
public sealed record RuntimeView(
    IReadOnlyDictionary<string, int> Activations, long GcHeapBytes, long WorkingSetBytes, int Gen0Collections, int Gen2Collections);
