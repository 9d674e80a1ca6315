using Microsoft.Extensions.Logging;

namespace OrleansGroq.Persistence.PostgreSql.Keys;

internal sealed partial class ApiKeyStateListener
{
    // Database names only: a connection string may carry a password.
    private static partial class Log
    {
        [LoggerMessage(EventId = 5101, EventName = "ApiKeyStateListening", Level = LogLevel.Information,
            Message = "Listening for key state changes from other nodes on database {Database}; {RowCount} stored key state(s) applied.")]
        public static partial void Listening(ILogger logger, string database, int rowCount);

        [LoggerMessage(EventId = 5102, EventName = "ApiKeyStateListenerDisconnected", Level = LogLevel.Warning,
            Message = "The connection listening for key state changes from other nodes failed; reconnecting in {RetryDelay}. Until then this node learns their cooldowns late.")]
        public static partial void Disconnected(ILogger logger, TimeSpan retryDelay, Exception exception);

        [LoggerMessage(EventId = 5103, EventName = "ApiKeyStatePayloadMalformed", Level = LogLevel.Warning,
            Message = "Ignored a notification on the key state channel that is not a key state row.")]
        public static partial void MalformedPayload(ILogger logger, Exception exception);
    }
}
