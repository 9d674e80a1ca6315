namespace OrleansGroq.Silo.Endpoints;

/// <summary>Liveness (the process answers) and readiness (it can serve traffic).</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready");
        return app;
    }
}
