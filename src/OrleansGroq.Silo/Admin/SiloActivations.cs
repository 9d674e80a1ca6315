namespace OrleansGroq.Silo.Admin;

/// <summary>One silo's activations per grain type (the grain class's name), in <c>GET /admin/runtime</c>.</summary>
public sealed record SiloActivations(string Address, IReadOnlyDictionary<string, int> Activations);
