using Microsoft.AspNetCore.Diagnostics;
using OrleansGroq.Silo.Admin;
using OrleansGroq.Silo.Auth;
using OrleansGroq.Silo.Cluster;
using OrleansGroq.Silo.Endpoints;
using OrleansGroq.Silo.Errors;
using OrleansGroq.Silo.Http;

namespace OrleansGroq.Silo.Hosting;

/// <summary>Builds the gateway host: services, middleware, and the Groq- and OpenAI-style routes.</summary>
public static class GatewayApp
{
    private static readonly string[] ApiPrefixes = ["/openai/v1", "/v1"];

    public static async Task<WebApplication> CreateAsync(string[] args)
    {
        // The catalog lives in appsettings.json beside the binaries: find it whatever the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var offline = new OfflineUpstream(await OfflineEmulator.StartWhenNoKeyAsync(builder));
        builder.Services.AddGateway(builder.Configuration, offline);

        // After AddGateway, so that the schema is migrated before the silo joins the cluster through it.
        builder.UseOrleans(silo => SiloConfiguration.Configure(silo, builder.Configuration));

        var app = builder.Build();
        app.UseExceptionHandler(errors => errors.Run(WriteUnhandledErrorAsync));
        app.UseRequestTiming();
        app.MapHealthApi();
        app.MapAdminApi();
        foreach (var prefix in ApiPrefixes)
        {
            var api = app.MapGroup(prefix).AddEndpointFilter<ClientAuthFilter>();
            api.MapChatCompletionsApi();
            api.MapModelsApi();
            api.MapTranscriptionsApi();
            api.MapExtractApi();
        }

        app.MapGroup("/v1").AddEndpointFilter<ClientAuthFilter>().MapConversationsApi();

        return app;
    }

    private static Task WriteUnhandledErrorAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var result = error is BadHttpRequestException bad
            ? new OpenAiErrorResult(bad.StatusCode, "The request could not be read: " + bad.Message, "invalid_request_error", "bad_request")
            : new OpenAiErrorResult(StatusCodes.Status500InternalServerError, "The gateway failed to handle the request.", "server_error", "internal_error");
        return result.ExecuteAsync(context);
    }
}
