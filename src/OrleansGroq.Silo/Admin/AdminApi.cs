using System.Diagnostics;
using OrleansGroq.Silo.Endpoints;

namespace OrleansGroq.Silo.Admin;

/// <summary>
/// <c>/admin</c>: what an operator needs to see of this node. <c>GET /admin/runtime</c> gives the activations
/// per grain type and the process's memory; <c>?collect=true</c> runs a full GC first, so that memory freed by
/// idle collection shows.
/// </summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").AddEndpointFilter<LoopbackOnlyFilter>();
        admin.MapGet("/runtime", Runtime);
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
}
