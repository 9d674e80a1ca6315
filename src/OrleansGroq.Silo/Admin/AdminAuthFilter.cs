using OrleansGroq.Silo.Errors;

namespace OrleansGroq.Silo.Admin;

/// <summary>
/// Guards every admin route: a caller without the admin token gets OpenAI's 401; with no token configured, a caller
/// that is not on loopback gets a 404, as if the routes did not exist.
/// </summary>
internal sealed class AdminAuthFilter(AdminAuthenticator authenticator) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        Refusal(authenticator.Authorize(context.HttpContext)) is { } refusal ? ValueTask.FromResult<object?>(refusal) : next(context);

    /// <summary>
    /// Puts the admin rules in front of endpoints that are plain request delegates (e.g. the Prometheus scraping
    /// endpoint), which endpoint filters do not run on.
    /// </summary>
    public static TBuilder RequireAdmin<TBuilder>(TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            var inner = endpoint.RequestDelegate!;
            endpoint.RequestDelegate = context =>
                Refusal(context.RequestServices.GetRequiredService<AdminAuthenticator>().Authorize(context)) is { } refusal ? refusal.ExecuteAsync(context) : inner(context);
        });
        return builder;
    }

    /// <summary>The answer for a caller the admin rules turn away; none for one they let in.</summary>
    private static OpenAiErrorResult? Refusal(AdminAccess access) => access switch
    {
        AdminAccess.Granted => null,
        AdminAccess.Unauthorized => GatewayErrors.Unauthorized(
            $"Invalid admin token. Send 'Authorization: Bearer <admin token>' with the token whose SHA-256 is {AdminOptions.SectionName}:TokenSha256."),
        _ => new OpenAiErrorResult(StatusCodes.Status404NotFound, "Not found.", "invalid_request_error", "not_found"),
    };
}
