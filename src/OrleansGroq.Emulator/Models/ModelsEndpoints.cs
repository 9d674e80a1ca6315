using System.Text.Json;
using OrleansGroq.Emulator.Http;

namespace OrleansGroq.Emulator.Models;

/// <summary><c>GET /openai/v1/models</c> and <c>GET /openai/v1/models/{id}</c> (ids may contain '/').</summary>
internal sealed class ModelsEndpoints(EmulatorRuntime runtime)
{
    public Task ListAsync(HttpContext context)
    {
        if (BearerAuthentication.Authenticate(context.Request, runtime.Keys) is null)
        {
            runtime.Stats.Unauthorized();
            return GroqErrorWriter.SendAsync(context.Response, GroqErrors.InvalidApiKey);
        }

        return JsonResponse.SendAsync(context.Response, StatusCodes.Status200OK, runtime.Catalog, static (writer, catalog) =>
        {
            writer.WriteStartObject();
            writer.WriteString("object"u8, "list"u8);
            writer.WriteStartArray("data"u8);
            foreach (var model in catalog.All)
            {
                Write(writer, model);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    public Task GetAsync(HttpContext context)
    {
        if (BearerAuthentication.Authenticate(context.Request, runtime.Keys) is null)
        {
            runtime.Stats.Unauthorized();
            return GroqErrorWriter.SendAsync(context.Response, GroqErrors.InvalidApiKey);
        }

        // Groq's SDK escapes the slash of ids such as openai/gpt-oss-20b, and a catch-all route leaves %2F undecoded.
        var id = Uri.UnescapeDataString(context.Request.RouteValues["id"] as string ?? "");
        return runtime.Catalog.Find(id) is { } model
            ? JsonResponse.SendAsync(context.Response, StatusCodes.Status200OK, model, Write)
            : GroqErrorWriter.SendAsync(context.Response, GroqErrors.ModelNotFound(id));
    }

    private static void Write(Utf8JsonWriter writer, ModelInfo model)
    {
        var options = model.Options;
        writer.WriteStartObject();
        writer.WriteString("id"u8, model.EncodedId);
        writer.WriteString("object"u8, "model"u8);
        writer.WriteNumber("created"u8, options.Created);
        writer.WriteString("owned_by"u8, options.OwnedBy);
        writer.WriteBoolean("active"u8, options.Active);
        writer.WriteNumber("context_window"u8, options.ContextWindow);
        writer.WriteNull("public_apps"u8);
        writer.WriteNumber("max_completion_tokens"u8, options.MaxCompletionTokens);
        writer.WriteEndObject();
    }
}
