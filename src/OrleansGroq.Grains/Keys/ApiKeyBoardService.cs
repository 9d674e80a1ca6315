using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using OrleansGroq.Abstractions.Keys;

namespace OrleansGroq.Grains.Keys;

/// <summary>
/// This silo's <see cref="IApiKeyBoard"/>: an Orleans grain service, one per silo and addressed by the silo, which hands
/// what the key grains tell it to the <see cref="ApiKeyStatusBoard"/> that request routing reads.
/// </summary>
internal sealed class ApiKeyBoardService(GrainId id, Silo silo, ILoggerFactory loggerFactory, ApiKeyStatusBoard board)
    : GrainService(id, silo, loggerFactory), IApiKeyBoard
{
    public Task StatusChangedAsync(ApiKeyStatus status) => board.StatusChangedAsync(status);
}
