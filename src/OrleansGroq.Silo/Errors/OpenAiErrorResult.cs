using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OrleansGroq.Silo.Errors;

/// <summary>An error in OpenAI's shape, <c>{"error":{"message","type","param","code"}}</c>, which every SDK surfaces.</summary>
public sealed class OpenAiErrorResult(int statusCode, string message, string type, string? code, string? param = null, TimeSpan? retryAfter = null)
    : IResult, IStatusCodeHttpResult
{
    // Messages quote field names ('messages[0].role'); the default encoder would turn each quote into \u0027.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public int StatusCode => statusCode;

    int? IStatusCodeHttpResult.StatusCode => statusCode;

    public string Message => message;

    public string? Code => code;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        await using var writer = new Utf8JsonWriter(response.BodyWriter, WriterOptions);
        writer.WriteStartObject();
        writer.WriteStartObject("error");
        writer.WriteString("message", message);
        writer.WriteString("type", type);
        writer.WriteString("param", param);
        writer.WriteString("code", code);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
