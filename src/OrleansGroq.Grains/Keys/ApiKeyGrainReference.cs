using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Upstream;
using OrleansGroq.Grains.Runtime;

namespace OrleansGroq.Grains.Keys;

internal sealed class ApiKeyGrainReference(GrainHandle<IApiKeyGrain> handle)
    : GrainReference<IApiKeyGrain>(handle), IApiKeyGrain, IGrainReferenceFactory<IApiKeyGrain>
{
    public static IApiKeyGrain Create(GrainHandle<IApiKeyGrain> handle) => new ApiKeyGrainReference(handle);

    public ValueTask<ApiKeyStatus> GetStatusAsync() => InvokeAsync(static grain => grain.GetStatusAsync());

    public ValueTask<ApiKeyState> GetStateAsync() => InvokeAsync(static grain => grain.GetStateAsync());

    public ValueTask<ApiKeyStatus> ReportOutcomeAsync(UpstreamOutcome outcome) =>
        InvokeAsync(outcome, static (grain, outcome) => grain.ReportOutcomeAsync(outcome));

    public ValueTask<ApiKeyStatus> ApplyRemoteChangeAsync(ApiKeyStateChange change) =>
        InvokeAsync(change, static (grain, change) => grain.ApplyRemoteChangeAsync(change));
}
