using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Runtime;
using OrleansGroq.Grains.Routing;
using OrleansGroq.Silo.Endpoints;

namespace OrleansGroq.Silo.Admin;

/// <summary>
/// <c>/admin</c>: what an operator needs to see of this node, behind <see cref="AdminAuthFilter"/>.
/// <c>GET /admin/runtime</c> gives the activations per grain type and the process's memory; <c>?collect=true</c>
/// runs a full GC first, so that memory freed by idle collection shows. <c>GET /admin/keys</c> lists the upstream
/// keys: account, state, cooldown end and why, and the last rate-limit headers. <c>GET /admin/quotas</c> gives each
/// account and model's limits, what is left and leased out cluster-wide, this node's use and slice, and its 429s.
/// </summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").AddEndpointFilter<AdminAuthFilter>();
        admin.MapGet("/runtime", Runtime);
        admin.MapGet("/keys", KeysAsync);
        admin.MapGet("/quotas", QuotasAsync);
        return app;
    }

    private static IResult Runtime(bool? collect, ActivationCounts activations)
    {
        if (collect == true)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }

        using var process = Process.GetCurrentProcess();
        return Results.Json(new RuntimeView(
            activations.Read(),
            GC.GetGCMemoryInfo().HeapSizeBytes,
            process.WorkingSet64,
            GC.CollectionCount(0),
            GC.CollectionCount(2)),
            GatewayJsonContext.Default.RuntimeView);
    }

    private static async Task<JsonHttpResult<QuotaList>> QuotasAsync(IApiKeyPool pool, ModelCatalog catalog, IGrainFactory grains) =>
        TypedResults.Json(await QuotaViews.ReadAsync(pool, catalog, grains), AdminJsonContext.Default.QuotaList);

    private static async Task<JsonHttpResult<KeyList>> KeysAsync(IApiKeyPool pool, IGrainFactory grains, TimeProvider clock) =>
        TypedResults.Json(await KeyViews.ReadAsync(pool, grains, clock.GetUtcNow()), AdminJsonContext.Default.KeyList);
}
