using Microsoft.AspNetCore.Routing;
using OrleansGroq.Emulator.Audio;
using OrleansGroq.Emulator.Batches;
using OrleansGroq.Emulator.Completions;
using OrleansGroq.Emulator.Control;
using OrleansGroq.Emulator.Files;
using OrleansGroq.Emulator.Models;

namespace OrleansGroq.Emulator;

/// <summary>
/// Hosts the emulator inside any ASP.NET Core application: <see cref="AddGroqEmulator"/> then
/// <see cref="MapGroqEmulator"/>. <see cref="EmulatorHost"/> does both on its own Kestrel server.
/// </summary>
public static class EmulatorApp
{
    /// <summary>Registers the emulator's state and <see cref="EmulatorControl"/>; validates <paramref name="options"/> now.</summary>
    /// <exception cref="InvalidOperationException">A setting is invalid; the message names it.</exception>
    public static IServiceCollection AddGroqEmulator(this IServiceCollection services, EmulatorOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var runtime = new EmulatorRuntime(options ?? new EmulatorOptions(), timeProvider ?? TimeProvider.System);
        services.AddSingleton(runtime);
        services.AddSingleton(new EmulatorControl(runtime));
        return services;
    }

    /// <summary>
    /// Maps Groq's routes under <c>{prefix}/openai/v1/</c> and the control API under <c>{prefix}/_emulator/</c>.
    /// A prefix lets a gateway that serves <c>/openai/v1</c> itself host the emulator beside it.
    /// </summary>
    public static IEndpointRouteBuilder MapGroqEmulator(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var runtime = endpoints.ServiceProvider.GetRequiredService<EmulatorRuntime>();
        var control = endpoints.ServiceProvider.GetRequiredService<EmulatorControl>();
        var root = prefix.TrimEnd('/');

        var chat = new ChatCompletionsEndpoint(runtime);
        var models = new ModelsEndpoints(runtime);
        endpoints.MapPost($"{root}/openai/v1/chat/completions", chat.HandleAsync);
        endpoints.MapGet($"{root}/openai/v1/models", models.ListAsync);
        endpoints.MapGet($"{root}/openai/v1/models/{{**id}}", models.GetAsync);
        endpoints.MapPost($"{root}/openai/v1/audio/transcriptions", new TranscriptionsEndpoint(runtime, translate: false).HandleAsync);
        endpoints.MapPost($"{root}/openai/v1/audio/translations", new TranscriptionsEndpoint(runtime, translate: true).HandleAsync);

        var files = new FilesEndpoints(runtime);
        endpoints.MapPost($"{root}/openai/v1/files", files.UploadAsync).DisableAntiforgery();
        endpoints.MapGet($"{root}/openai/v1/files", files.ListAsync);
        endpoints.MapGet($"{root}/openai/v1/files/{{id}}", files.GetAsync);
        endpoints.MapGet($"{root}/openai/v1/files/{{id}}/content", files.ContentAsync);
        endpoints.MapDelete($"{root}/openai/v1/files/{{id}}", files.DeleteAsync);

        var batches = new BatchesEndpoints(runtime);
        endpoints.MapPost($"{root}/openai/v1/batches", batches.CreateAsync);
        endpoints.MapGet($"{root}/openai/v1/batches", batches.ListAsync);
        endpoints.MapGet($"{root}/openai/v1/batches/{{id}}", batches.GetAsync);
        endpoints.MapPost($"{root}/openai/v1/batches/{{id}}/cancel", batches.CancelAsync);

        var controlApi = new ControlEndpoints(control);
        endpoints.MapGet($"{root}/_emulator/stats", controlApi.StatsAsync);
        endpoints.MapPost($"{root}/_emulator/faults", controlApi.AddFaultAsync);
        endpoints.MapDelete($"{root}/_emulator/faults", controlApi.ClearFaultsAsync);
        endpoints.MapPut($"{root}/_emulator/limits", controlApi.SetLimitsAsync);
        endpoints.MapPost($"{root}/_emulator/reset", controlApi.ResetAsync);
        return endpoints;
    }
}
