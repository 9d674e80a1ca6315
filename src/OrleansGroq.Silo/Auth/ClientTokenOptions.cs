namespace OrleansGroq.Silo.Auth;

/// <summary>One gateway client token, stored as the SHA-256 of the token so configuration holds no secret.</summary>
public sealed class ClientTokenOptions
{
    public string Tenant { get; set; } = "";

    /// <summary>Lowercase or uppercase hex of SHA-256 over the token's UTF-8 bytes.</summary>
    public string Sha256 { get; set; } = "";
}
