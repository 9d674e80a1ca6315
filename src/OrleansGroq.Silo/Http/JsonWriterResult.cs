using System.Text.Encodings.Web;
using System.Text.Json;

namespace OrleansGroq.Silo.Http;

/// <summary>A JSON response written straight to the body, for views that embed stored JSON verbatim.</summary>
public sealed class JsonWriterResult(int statusCode, Action<Utf8JsonWriter> write) : IResult
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter, WriterOptions);
        write(writer);
    }
}
