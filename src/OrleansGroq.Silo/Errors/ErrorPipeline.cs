namespace OrleansGroq.Silo.Errors;

/// <summary>
/// Makes every error the pipeline answers JSON in OpenAI's shape, wherever it arose: an exception no endpoint handled,
/// or a status set with no body (unknown route, wrong method, unsupported content type). Endpoints write their own.
/// </summary>
public static class ErrorPipeline
{
    public static IServiceCollection AddOpenAiErrors(this IServiceCollection services) =>
        services.AddSingleton<UnhandledErrors>().AddSingleton<Http.RouteCatalog>();

    /// <summary>Goes first in the pipeline, so that it sees what every later stage throws or leaves without a body.</summary>
    public static IApplicationBuilder UseOpenAiErrors(this IApplicationBuilder app)
    {
        var unhandled = app.ApplicationServices.GetRequiredService<UnhandledErrors>();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = unhandled.WriteAsync,

            // UnhandledErrors logs each case itself, with the request id the response carries; the framework's line has none.
            SuppressDiagnosticsCallback = _ => true,
        });
        return app.UseStatusCodePages(StatusCodeErrors.WriteAsync);
    }
}
