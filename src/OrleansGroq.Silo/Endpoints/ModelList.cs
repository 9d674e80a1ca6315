namespace OrleansGroq.Silo.Endpoints;

/// <summary>The body of <c>GET /models</c>.</summary>
public sealed record ModelList(IReadOnlyList<ModelEntry> Data)
{
    public string Object => "list";
}
