using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Dashboard;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Grains.Routing;
using OrleansGroq.Silo.Endpoints;
using OrleansGroq.Silo.Errors;
using OrleansGroq.Silo.Statistics;
using OrleansGroq.Silo.Telemetry;
using OrleansGroq.Silo.Usage;

namespace OrleansGroq.Silo.Admin;

/// <summary>
/// <c>/admin</c>: what an operator needs to see of the cluster and this silo, behind <see cref="AdminAuthFilter"/>.
/// <c>GET /admin/cluster</c> lists the silos in Orleans' membership with their status. <c>GET /admin/runtime</c> gives
/// each silo's activations per grain type and this process's memory; <c>POST /admin/runtime/collect</c> answers the same
/// after a full GC, so that memory freed by idle collection shows (a POST, as it changes the process: a page on another
/// site cannot trigger it with a link or an image). <c>GET /admin/keys</c> lists the upstream keys: account, state, cooldown end
/// and why, and the last rate-limit headers. <c>GET /admin/quotas</c> gives each account and model's limits, what is
/// left and leased out cluster-wide, this silo's use and slice, and its 429s. <c>GET /admin/usage</c> sums the usage
/// ledger (<see cref="UsageApi"/>); <c>GET /admin/models</c> gives this silo's live model statistics
/// (<see cref="ModelStatisticsApi"/>). <c>GET /admin/requests?limit=N</c> gives this silo's last API requests, newest
/// first. <c>/admin/dashboard</c> is Orleans' dashboard.
/// </summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").AddEndpointFilter<AdminAuthFilter>();
        admin.MapGet("/cluster", ClusterAsync);
        admin.MapGet("/runtime", RuntimeAsync);
        admin.MapPost("/runtime/collect", CollectAsync);
        admin.MapGet("/keys", Keys);
        admin.MapGet("/quotas", QuotasAsync);
        admin.MapUsageApi();
        admin.MapModelStatisticsApi();
        admin.MapGet("/requests", Requests);
        admin.MapOrleansDashboard("/dashboard");
        return app;
    }

    private static async Task<JsonHttpResult<ClusterView>> ClusterAsync(IGrainFactory grains) =>
        TypedResults.Json(await ClusterViews.ReadMembershipAsync(grains), AdminJsonContext.Default.ClusterView);

    private static async Task<IResult> RuntimeAsync(HttpContext context, IGrainFactory grains)
    {
        if (context.Request.Query.ContainsKey("collect"))
        {
            return GatewayErrors.InvalidRequest(
                "GET /admin/runtime only reads: POST /admin/runtime/collect runs a full garbage collection, then answers the same view.", "collect", "unsupported_parameter");
        }

        return await ViewAsync(grains, collect: false);
    }

    private static Task<IResult> CollectAsync(IGrainFactory grains) => ViewAsync(grains, collect: true);

    private static async Task<IResult> ViewAsync(IGrainFactory grains, bool collect)
    {
        var silos = await ClusterViews.ReadActivationsAsync(grains);
        if (collect)
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

    private static Results<JsonHttpResult<RecentRequestList>, OpenAiErrorResult> Requests(RecentRequests recent, int? limit) =>
        limit is < 1 or > RecentRequests.Capacity
            ? GatewayErrors.InvalidRequest($"limit must be between 1 and {RecentRequests.Capacity}.", "limit", "invalid_value")
            : TypedResults.Json(RecentRequestViews.Read(recent, limit ?? RecentRequests.Capacity), AdminJsonContext.Default.RecentRequestList);

    private static JsonHttpResult<KeyList> Keys(IApiKeyPool pool, TimeProvider clock) =>
        TypedResults.Json(KeyViews.Read(pool, clock.GetUtcNow()), AdminJsonContext.Default.KeyList);
}
