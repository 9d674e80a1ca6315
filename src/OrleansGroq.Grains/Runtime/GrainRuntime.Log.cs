using Microsoft.Extensions.Logging;
using OrleansGroq.Abstractions.Runtime;

namespace OrleansGroq.Grains.Runtime;

internal sealed partial class GrainRuntime
{
    internal static partial class Log
    {
        [LoggerMessage(EventId = 1001, EventName = "GrainActivationFailed", Level = LogLevel.Warning,
            Message = "Activating {GrainId} failed; the next call tries again.")]
        public static partial void ActivationFailed(ILogger logger, GrainId grainId, Exception exception);

        [LoggerMessage(EventId = 1002, EventName = "GrainDeactivationFailed", Level = LogLevel.Error,
            Message = "Deactivating {GrainId} failed; changes since its last write may be lost.")]
        public static partial void DeactivationFailed(ILogger logger, GrainId grainId, Exception exception);

        [LoggerMessage(EventId = 1003, EventName = "GrainsCollected", Level = LogLevel.Debug,
            Message = "Collecting {Count} idle activation(s).")]
        public static partial void Collected(ILogger logger, int count);
    }
}
