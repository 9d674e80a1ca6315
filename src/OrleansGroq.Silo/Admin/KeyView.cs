namespace OrleansGroq.Silo.Admin;

/// <summary>One upstream key as an operator sees it: never its secret.</summary>
/// <param name="Alias">The key's alias.</param>
/// <param name="Account">The Groq organization the key belongs to.</param>
/// <param name="State"><c>available</c>, <c>cooling</c> or <c>disabled</c>.</param>
/// <param name="CoolingUntil">When a cooling key is usable again, in Unix seconds rounded up; otherwise null.</param>
/// <param name="Reason">Why the key is cooling (<c>requests_per_minute</c>, ...) or disabled (<c>invalid_api_key</c>); otherwise null.</param>
/// <param name="LastRateLimits">The rate-limit headers of the last response this node got with the key.</param>
/// <param name="CoolingModel">The model a cooling key may not serve (Groq limits each model apart); null when it is every model.</param>
internal sealed record KeyView(string Alias, string Account, string State, long? CoolingUntil, string? Reason, RateLimitsView? LastRateLimits, string? CoolingModel = null);
