using Orleans.Concurrency;

namespace OrleansGroq.Abstractions.Keys;

/// <summary>A silo's board of key statuses, told by each key's grain whenever the key's cooldown or disabled flag changes.</summary>
public interface IApiKeyStatusObserver : IGrainObserver
{
    /// <summary>Takes a key's new status; statuses of one key arrive in the order the grain made them.</summary>
    [OneWay]
    Task StatusChangedAsync(ApiKeyStatus status);
}
