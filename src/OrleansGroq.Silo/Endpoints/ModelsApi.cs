using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Grains.Routing;
using OrleansGroq.Silo.Errors;

namespace OrleansGroq.Silo.Endpoints;

/// <summary>The model list, from the configured catalog, in Groq's shape: the models, then the aliases that name them.</summary>
public static class ModelsApi
{
    // Groq reports a creation time per model; the catalog has none, so all share the gateway's start.
    private static readonly long Created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public static RouteGroupBuilder MapModelsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/models", ListModels);
        api.MapGet("/models/{**id}", GetModel);
        return api;
    }

    private static IResult ListModels(ModelCatalog catalog)
    {
        var aliases = catalog.Aliases.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => ToAliasEntry(a.Key, a.Value));
        return Results.Json(new ModelList([.. catalog.Models.Select(ToEntry), .. aliases]), GatewayJsonContext.Default.ModelList);
    }

    // SDKs escape the slash of ids such as openai/gpt-oss-20b, and a catch-all route leaves %2F undecoded.
    private static IResult GetModel(string id, ModelCatalog catalog)
    {
        id = Uri.UnescapeDataString(id);
        if (catalog.TryResolve(id, out var model) && model.Id == id)
        {
            return Results.Json(ToEntry(model), GatewayJsonContext.Default.ModelEntry);
        }

        // Aliases resolve whatever their case, as in a request's model; the entry gives the configured spelling.
        var alias = catalog.Aliases.FirstOrDefault(a => string.Equals(a.Key, id, StringComparison.OrdinalIgnoreCase));
        return alias.Key is not null
            ? Results.Json(ToAliasEntry(alias.Key, alias.Value), GatewayJsonContext.Default.ModelEntry)
            : GatewayErrors.ModelNotFound(id);
    }

    private static ModelEntry ToEntry(ModelSpec m) =>
        new(m.Id, "model", Created, m.OwnedBy, true, m.ContextWindow, null, m.MaxOutput);

    private static ModelEntry ToAliasEntry(string alias, ModelSpec m) => ToEntry(m) with { Id = alias, Alias = new ModelAliasInfo(m.Id) };
}
