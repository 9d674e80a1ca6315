using Microsoft.AspNetCore.Http.Features;
using OrleansGroq.Silo.Auth;

namespace OrleansGroq.Silo.Http;

/// <summary>
/// Requests of one session (or else one end user, or else one tenant) go to one key, so Groq's
/// prompt cache, which is per organization, keeps their shared prefix warm.
/// </summary>
public static class SessionAffinity
{
    public static string Of(HttpContext context, string? user) =>
        context.Request.Headers[GatewayHeaders.SessionId].ToString() is { Length: > 0 } session ? session
        : user is { Length: > 0 } ? user
        : context.Features.GetRequiredFeature<GatewayClient>().Tenant;
}
