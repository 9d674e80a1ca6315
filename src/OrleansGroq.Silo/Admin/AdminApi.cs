using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Dashboard;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Grains.Routing;
using OrleansGroq.Silo.Endpoints;

namespace OrleansGroq.Silo.Admin;

/// <summary>
/// <c>/admin</c>: what an operator needs to see of the cluster and this silo, behind <see cref="AdminAuthFilter"/>.
/// <c>GET /admin/cluster</c> lists the silos in Orleans' membership with their status. <c>GET /admin/runtime</c> gives
/// each silo's activations per grain type and this process's memory; <c>?collect=true</c> runs a full GC first, so that
/// memory freed by idle collection shows. <c>GET /admin/keys</c> lists the upstream keys: account, state, cooldown end
/// and why, and the last rate-limit headers. <c>GET /admin/quotas</c> gives each account and model's limits, what is
/// left and leased out cluster-wide, this silo's use and slice, and its 429s. <c>/admin/dashboard</c> is Orleans'
/// dashboard.
/// </summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").AddEndpointFilter<AdminAuthFilter>();
        admin.MapGet("/cluster", ClusterAsync);
        admin.MapGet("/runtime", RuntimeAsync);
        admin.MapGet("/keys", Keys);
        admin.MapGet("/quotas", QuotasAsync);
        admin.MapOrleansDashboard("/dashboard");
        return app;
    }

    private static async Task<JsonHttpResult<ClusterView>> ClusterAsync(IGrainFactory grains) =>
        TypedResults.Json(await ClusterViews.ReadMembershipAsync(grains), AdminJsonContext.Default.ClusterView);

    private static async Task<IResult> RuntimeAsync(bool? collect, IGrainFactory grains)
    {
        var silos = await ClusterViews.ReadActivationsAsync(grains);
        if (collect == true)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }

        using var process = Process.GetCurrentProcess();
        return Results.Json(new RuntimeView(
            silos,
            GC.GetGCMemoryInfo().HeapSizeBytes,
            process.WorkingSet64,
            GC.CollectionCount(0),
            GC.CollectionCount(2)),
            GatewayJsonContext.Default.RuntimeView);
    }

    private static async Task<JsonHttpResult<QuotaList>> QuotasAsync(IApiKeyPool pool, ModelCatalog catalog, IModelQuotas quotas) =>
        TypedResults.Json(await QuotaViews.ReadAsync(pool, catalog, quotas), AdminJsonContext.Default.QuotaList);

    private static JsonHttpResult<KeyList> Keys(IApiKeyPool pool, TimeProvider clock) =>
        TypedResults.Json(KeyViews.Read(pool, clock.GetUtcNow()), AdminJsonContext.Default.KeyList);
}
