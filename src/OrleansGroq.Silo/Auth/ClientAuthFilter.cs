using OrleansGroq.Silo.Errors;
using OrleansGroq.Silo.InProcess;
using OrleansGroq.Silo.Telemetry;

namespace OrleansGroq.Silo.Auth;

/// <summary>Refuses unauthenticated calls with OpenAI's 401 and hands the tenant to the handler.</summary>
public sealed class ClientAuthFilter(ClientAuthenticator authenticator) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        // Only the silo sets a caller, on a request it makes itself (a batch line); a request from the network or a
        // cluster client carries none and is authenticated by its token.
        var client = context.HttpContext.Features.Get<InProcessExchange>()?.Caller ?? authenticator.Authenticate(context.HttpContext);
        if (client is null)
        {
            return ValueTask.FromResult<object?>(GatewayErrors.Unauthorized(authenticator.LoopbackOnly
                ? "This gateway has no client tokens configured (Gateway:Auth:Tokens), so it serves loopback clients only."
                : "Invalid gateway token. Send 'Authorization: Bearer <token>' with a token issued for this gateway."));
        }

        context.HttpContext.Features.Set(client);
        if (RequestTrail.Of(context.HttpContext) is { } trail)
        {
            trail.Tenant = client.Tenant;
        }

        return next(context);
    }
}
