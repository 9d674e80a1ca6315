using OrleansGroq.Silo.Errors;

namespace OrleansGroq.Silo.Admin;

/// <summary>
/// Guards every admin route: a caller without the admin token gets OpenAI's 401; with no token configured, a caller
/// that is not on loopback gets a 404, as if the routes did not exist.
/// </summary>
internal sealed class AdminAuthFilter(AdminAuthenticator authenticator) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        authenticator.Authorize(context.HttpContext) switch
        {
            AdminAccess.Granted => next(context),
            AdminAccess.Unauthorized => ValueTask.FromResult<object?>(GatewayErrors.Unauthorized(
                $"Invalid admin token. Send 'Authorization: Bearer <admin token>' with the token whose SHA-256 is {AdminOptions.SectionName}:TokenSha256.")),
            _ => ValueTask.FromResult<object?>(new OpenAiErrorResult(StatusCodes.Status404NotFound, "Not found.", "invalid_request_error", "not_found")),
        };
}
