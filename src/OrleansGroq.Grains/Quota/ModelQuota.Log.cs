using Microsoft.Extensions.Logging;

namespace OrleansGroq.Grains.Quota;

internal sealed partial class ModelQuota
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 4001, EventName = "QuotaStoreFailed", Level = LogLevel.Warning,
            Message = "The quota store failed to {Operation} for {Account}/{Model}; this node serves from its slice until it answers again.")]
        public static partial void StoreFailed(ILogger logger, string account, string model, string operation, Exception exception);

        [LoggerMessage(EventId = 4002, EventName = "QuotaLimitsChanged", Level = LogLevel.Information,
            Message = "Quota limits of {Account}/{Model} are now RPM {Rpm}, RPD {Rpd}, TPM {Tpm}, TPD {Tpd} (0: unlimited), from Groq's limit headers.")]
        public static partial void LimitsChanged(ILogger logger, string account, string model, long rpm, long rpd, long tpm, long tpd);
    }
}
