namespace OrleansGroq.Silo.Admin;

/// <summary>The body of <c>GET /admin/quotas</c>.</summary>
public sealed record QuotaList(IReadOnlyList<QuotaView> Data)
{
    public string Object => "list";
}
