namespace OrleansGroq.Silo.Admin;

/// <summary>Access to the admin routes, bound from <c>Gateway:Admin</c>.</summary>
internal sealed class AdminOptions
{
    public const string SectionName = "Gateway:Admin";

    /// <summary>
    /// Hex SHA-256 of the admin token's UTF-8 bytes, so configuration holds no secret. Without it the admin routes
    /// answer loopback callers only.
    /// </summary>
    public string? TokenSha256 { get; set; }
}
