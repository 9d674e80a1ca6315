using System.Text.Json;
using OrleansGroq.Grains.Extraction;

namespace OrleansGroq.Silo.Extraction;

/// <summary>
/// Writes an extraction: the data (null when too little was found to trust, per seed 001 §3.3), whether it is
/// partial, and how it was obtained.
/// </summary>
public sealed class ExtractionAnswerResult(ExtractionResult result) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteString("object", "extraction");
        writer.WriteString("model", result.Model);
        writer.WritePropertyName("data");
        if (result.Confidence == ExtractionConfidence.Discarded)
        {
            writer.WriteNullValue();
        }
        else
        {
            result.Data.WriteTo(writer);
        }

        writer.WriteBoolean("partial", result.Found < result.Total);
        writer.WriteString("confidence", Name(result.Confidence));
        writer.WriteNumber("fields_found", result.Found);
        writer.WriteNumber("fields_total", result.Total);
        writer.WriteString("source", result.Source switch
        {
            ExtractionSource.Model => "model",
            ExtractionSource.Repaired => "repaired",
            _ => "regex",
        });
        writer.WriteNumber("llm_calls", result.LlmCalls);
        writer.WriteNumber("validation_retries", result.ValidationRetries);
        writer.WriteEndObject();
        await writer.FlushAsync(httpContext.RequestAborted);
    }

    private static string Name(ExtractionConfidence confidence) => confidence switch
    {
        ExtractionConfidence.Complete => "complete",
        ExtractionConfidence.Trusted => "trusted",
        ExtractionConfidence.Low => "low",
        _ => "discarded",
    };
}
