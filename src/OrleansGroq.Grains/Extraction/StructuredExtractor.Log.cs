using Microsoft.Extensions.Logging;

namespace OrleansGroq.Grains.Extraction;

public sealed partial class StructuredExtractor
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 6001, EventName = "ExtractionDiscarded", Level = LogLevel.Warning,
            Message = "Extraction with {Model} found {Found} of {Total} fields after {Calls} model calls; under a quarter, it is discarded for review.")]
        public static partial void ExtractionDiscarded(ILogger logger, string model, int found, int total, int calls);
    }
}
