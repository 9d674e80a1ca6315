using Microsoft.Extensions.Logging;

namespace OrleansGroq.Grains.Batches;

internal sealed partial class BatchGrain
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 9701, EventName = "BatchRunFailed", Level = LogLevel.Warning,
            Message = "Batch {BatchId} stopped on an error; its reminder or next call resumes it.")]
        public static partial void RunFailed(ILogger logger, string batchId, Exception exception);

        [LoggerMessage(EventId = 9702, EventName = "BatchLineRetried", Level = LogLevel.Debug,
            Message = "A line of batch {BatchId} got {StatusCode} and waits {Delay} before it runs again.")]
        public static partial void LineRetried(ILogger logger, string batchId, int statusCode, TimeSpan delay);

        [LoggerMessage(EventId = 9703, EventName = "BatchResumed", Level = LogLevel.Information,
            Message = "Batch {BatchId} resumed with {Done} of {Total} lines done.")]
        public static partial void Resumed(ILogger logger, string batchId, int done, int total);

        [LoggerMessage(EventId = 9704, EventName = "BatchReminderRetried", Level = LogLevel.Warning,
            Message = "Batch {BatchId} could not register its reminder on attempt {Attempt}: the reminder service is still starting. Trying again.")]
        public static partial void ReminderRetried(ILogger logger, string batchId, int attempt);
    }
}
