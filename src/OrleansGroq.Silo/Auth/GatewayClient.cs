namespace OrleansGroq.Silo.Auth;

/// <summary>The authenticated caller of a request: the tenant its token maps to.</summary>
public sealed record GatewayClient(string Tenant);
