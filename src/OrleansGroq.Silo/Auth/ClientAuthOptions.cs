namespace OrleansGroq.Silo.Auth;

/// <summary>Client authentication, bound from <c>Gateway:Auth</c>.</summary>
public sealed class ClientAuthOptions
{
    public const string SectionName = "Gateway:Auth";

    /// <summary>With no tokens the gateway serves loopback clients only.</summary>
    public List<ClientTokenOptions> Tokens { get; set; } = [];
}
