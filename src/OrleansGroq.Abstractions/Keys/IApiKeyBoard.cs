using Orleans.Concurrency;
using Orleans.Services;

namespace OrleansGroq.Abstractions.Keys;

/// <summary>
/// A silo's board of key statuses, one in every silo and addressed by the silo, so a key grain reaches every board
/// through the cluster's membership rather than through subscribers it would have to remember.
/// </summary>
public interface IApiKeyBoard : IGrainService
{
    /// <summary>Takes a key's new status; the board keeps the one with the highest version of each key.</summary>
    [OneWay]
    Task StatusChangedAsync(ApiKeyStatus status);
}
