using Microsoft.Extensions.Logging;
using OrleansGroq.Abstractions.Keys;

namespace OrleansGroq.Grains.Keys;

internal sealed partial class ApiKeyGrain
{
    // Keys appear in logs by alias and account only, never by secret.
    private static partial class Log
    {
        [LoggerMessage(EventId = 2001, EventName = "ApiKeyCoolingDown", Level = LogLevel.Warning,
            Message = "Key {Alias} ({Account}) cools down until {CoolingUntil:O}: {Reason} (upstream status {StatusCode}).")]
        public static partial void CoolingDown(ILogger logger, string alias, string account, DateTimeOffset coolingUntil, CooldownReason reason, int statusCode);

        [LoggerMessage(EventId = 2002, EventName = "ApiKeyDisabled", Level = LogLevel.Error,
            Message = "Key {Alias} ({Account}) is disabled: upstream answered {StatusCode}. It stays out of the pool until it is replaced.")]
        public static partial void KeyDisabled(ILogger logger, string alias, string account, int statusCode);

        [LoggerMessage(EventId = 2003, EventName = "ApiKeyStateWriteFailed", Level = LogLevel.Warning,
            Message = "Writing the state of key {Alias} failed; the silos' boards have the change, but a new activation of the key would not.")]
        public static partial void WriteFailed(ILogger logger, string alias, Exception exception);
    }
}
