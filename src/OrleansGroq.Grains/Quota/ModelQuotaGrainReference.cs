using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Abstractions.Upstream;
using OrleansGroq.Grains.Runtime;

namespace OrleansGroq.Grains.Quota;

internal sealed class ModelQuotaGrainReference(GrainHandle<IModelQuotaGrain> handle)
    : GrainReference<IModelQuotaGrain>(handle), IModelQuotaGrain, IGrainReferenceFactory<IModelQuotaGrain>
{
    public static IModelQuotaGrain Create(GrainHandle<IModelQuotaGrain> handle) => new ModelQuotaGrainReference(handle);

    public ValueTask<Reservation> TryReserveAsync(ReserveRequest request) =>
        InvokeAsync(request, static (grain, request) => grain.TryReserveAsync(request));

    public ValueTask SettleAsync(long reservedTokens, long actualTokens) =>
        InvokeAsync((reservedTokens, actualTokens), static (grain, tokens) => grain.SettleAsync(tokens.reservedTokens, tokens.actualTokens));

    public ValueTask ReleaseAsync(long reservedTokens) =>
        InvokeAsync(reservedTokens, static (grain, reservedTokens) => grain.ReleaseAsync(reservedTokens));

    public ValueTask CalibrateAsync(RateLimitSnapshot snapshot) =>
        InvokeAsync(snapshot, static (grain, snapshot) => grain.CalibrateAsync(snapshot));

    public ValueTask ReportRateLimitedAsync(RateLimitKind kind) =>
        InvokeAsync(kind, static (grain, kind) => grain.ReportRateLimitedAsync(kind));

    public ValueTask<ModelQuotaSnapshot> GetSnapshotAsync() => InvokeAsync(static grain => grain.GetSnapshotAsync());

    /// <summary>Not part of the grain interface: the grain's own idle timer calls it.</summary>
    public ValueTask ReturnIfIdleAsync() => InvokeAsync(static grain => ((ModelQuotaGrain)grain).ReturnIfIdleAsync());
}
