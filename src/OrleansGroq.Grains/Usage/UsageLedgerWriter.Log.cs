using Microsoft.Extensions.Logging;

namespace OrleansGroq.Grains.Usage;

public sealed partial class UsageLedgerWriter
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 9601, EventName = "UsageQueueFull", Level = LogLevel.Warning,
            Message = "The usage ledger's queue is full ({Queued} rows waiting for the store): new usage rows are dropped and counted until it drains.")]
        public static partial void QueueFull(ILogger logger, int queued);

        [LoggerMessage(EventId = 9602, EventName = "UsageQueueRecovered", Level = LogLevel.Warning,
            Message = "The usage ledger writes again; {Dropped} usage rows have been dropped since start.")]
        public static partial void Recovered(ILogger logger, long dropped);

        [LoggerMessage(EventId = 9603, EventName = "UsageWriteFailed", Level = LogLevel.Warning,
            Message = "Writing {Rows} usage rows failed (attempt {Attempt}); trying again in {Delay}.")]
        public static partial void WriteFailed(ILogger logger, int rows, int attempt, TimeSpan delay, Exception exception);

        [LoggerMessage(EventId = 9604, EventName = "UsageBatchDropped", Level = LogLevel.Error,
            Message = "Writing {Rows} usage rows failed {Attempts} times; they are dropped.")]
        public static partial void BatchDropped(ILogger logger, int rows, int attempts, Exception exception);

        [LoggerMessage(EventId = 9605, EventName = "UsageAbandoned", Level = LogLevel.Warning,
            Message = "Shutdown timed out with {Rows} usage rows not written; they are dropped.")]
        public static partial void Abandoned(ILogger logger, int rows);
    }
}
