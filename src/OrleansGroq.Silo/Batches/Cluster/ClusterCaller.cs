using Microsoft.AspNetCore.Http.Features;
using OrleansGroq.Abstractions.Batches;
using OrleansGroq.Silo.Auth;

namespace OrleansGroq.Silo.Batches.Cluster;

/// <summary>The caller of a cluster-mode route, and the objects it may see: its tenant's, and no other's.</summary>
internal static class ClusterCaller
{
    // Ids are a prefix and a 26-character ULID; anything much longer is none of ours, and gets no lookup or grain.
    private const int MaxIdLength = 128;

    public static string Tenant(HttpContext context) => context.Features.GetRequiredFeature<GatewayClient>().Tenant;

    public static bool IsPlausibleId(string id) => id.Length is > 0 and <= MaxIdLength;

    /// <summary>The file if the caller's tenant owns it; else null, as if there were no such file.</summary>
    public static async Task<BatchFile?> FindFileAsync(HttpContext context, IBatchFileStore files, string id) =>
        IsPlausibleId(id) && await files.FindAsync(id, context.RequestAborted) is { } file && file.Tenant == Tenant(context) ? file : null;

    /// <summary>The batch if the caller's tenant owns it; else null, as if there were no such batch.</summary>
    public static async Task<BatchView?> FindBatchAsync(HttpContext context, IGrainFactory grains, string id) =>
        IsPlausibleId(id) && await grains.GetGrain<IBatchGrain>(id).GetAsync() is { } batch && batch.Spec.Tenant == Tenant(context) ? batch : null;
}
