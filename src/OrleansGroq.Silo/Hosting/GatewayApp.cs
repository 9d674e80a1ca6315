using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Batches;
using OrleansGroq.Silo.Admin;
using OrleansGroq.Silo.Auth;
using OrleansGroq.Silo.Batches;
using OrleansGroq.Silo.Cluster;
using OrleansGroq.Silo.Endpoints;
using OrleansGroq.Silo.Errors;
using OrleansGroq.Silo.Http;
using OrleansGroq.Silo.InProcess;
using OrleansGroq.Silo.Shutdown;
using OrleansGroq.Silo.Telemetry;
using OrleansGroq.Silo.WebConsole;

namespace OrleansGroq.Silo.Hosting;

/// <summary>Builds the gateway host: services, middleware, and the Groq- and OpenAI-style routes.</summary>
public static class GatewayApp
{
    private static readonly string[] ApiPrefixes = ["/openai/v1", "/v1"];

    /// <param name="configureServices">Services a host adds after the gateway's own, e.g. a test's observer of upstream attempts.</param>
    public static async Task<WebApplication> CreateAsync(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        // The catalog lives in appsettings.json beside the binaries: find it whatever the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var offline = new OfflineUpstream(await OfflineEmulator.StartWhenNoKeyAsync(builder));
        builder.Services.AddGateway(builder.Configuration, offline);
        configureServices?.Invoke(builder.Services);

        // After AddGateway, so that the schema is migrated before the silo joins the cluster through it.
        builder.UseOrleans(silo => SiloConfiguration.Configure(silo, builder.Configuration));

        var app = builder.Build();

        // Telemetry outermost, so that each request's record has the status the client got. Then errors, so that every
        // later stage's exception or bodiless status becomes JSON (and the request id, stamped as the response starts,
        // survives the handler clearing the headers); then a stopping node refuses new requests and counts the ones it
        // waits for; then other sites' pages, the content type (routing's 415) and overload are refused before any
        // handler reads a body. Requests from the cluster's clients take the same pipeline, confined to the API routes.
        app.UseRequestTelemetry(ApiPrefixes);
        app.UseOpenAiErrors();
        app.UseRequestTiming();
        app.UseDrain();
        app.UseInProcessBoundary(ApiPrefixes);
        app.UseCrossSiteGuard();
        app.UseRouting();
        app.UseCorsForListedOrigins();
        app.UseConcurrencyLimit();

        app.MapHealthApi();
        app.MapAdminApi();
        app.MapWebConsole();
        app.MapGatewayMetrics();
        var batchesMode = app.Services.GetRequiredService<IOptions<BatchesOptions>>().Value.Mode;
        foreach (var prefix in ApiPrefixes)
        {
            var api = app.MapGroup(prefix).AddEndpointFilter<ClientAuthFilter>().AcceptJsonBodies().RequireConcurrencyLimit();
            api.MapChatCompletionsApi();
            api.MapModelsApi();
            api.MapTranscriptionsApi();
            api.MapExtractApi();
            api.MapConversationsApi();
            api.MapBatchesRoutes(batchesMode);
        }

        return app;
    }
}
