using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Fallback;
using OrleansGroq.Silo.Auth;
using OrleansGroq.Silo.Http;
using OrleansGroq.Silo.Errors;

namespace OrleansGroq.Silo.Fallback;

/// <summary>Whether a request may be answered by local logic: its header first, its tenant's setting above that.</summary>
public sealed class DegradedPolicy(IOptions<LocalFallbackOptions> options)
{
    private readonly HashSet<string> _refusingTenants = new(options.Value.RefuseDegradedTenants, StringComparer.Ordinal);

    /// <summary>Reads <c>x-orleansgroq-degraded</c>; a value other than allow or refuse is a 400.</summary>
    public OpenAiErrorResult? TryRead(HttpContext context, out bool allowed)
    {
        var tenant = context.Features.GetRequiredFeature<GatewayClient>().Tenant;
        allowed = options.Value.AllowDegraded;
        var header = context.Request.Headers[GatewayHeaders.Degraded].ToString();
        if (header.Length > 0)
        {
            if (!(header.Equals("allow", StringComparison.OrdinalIgnoreCase) || header.Equals("refuse", StringComparison.OrdinalIgnoreCase)))
            {
                return GatewayErrors.InvalidRequest($"Invalid value for header '{GatewayHeaders.Degraded}': expected 'allow' or 'refuse'.", GatewayHeaders.Degraded, "invalid_header");
            }

            allowed = header.Equals("allow", StringComparison.OrdinalIgnoreCase);
        }

        allowed &= !_refusingTenants.Contains(tenant);
        return null;
    }
}
