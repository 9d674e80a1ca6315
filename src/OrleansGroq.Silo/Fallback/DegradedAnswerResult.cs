using System.Buffers;
using OrleansGroq.Grains.Fallback;
using OrleansGroq.Silo.Http;

namespace OrleansGroq.Silo.Fallback;

/// <summary>
/// A local answer, written as a chat completion (or its stream) and marked as degraded both in the headers and in
/// the body, so that no client can take it for a model's.
/// </summary>
public sealed class DegradedAnswerResult(DegradedCompletionWriter writer, LocalAnswer answer, string model, bool stream) : IResult
{
    public const string Local = "local";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.Headers[GatewayHeaders.Degraded] = Local;
        response.ContentType = stream ? "text/event-stream" : "application/json";
        var buffer = new ArrayBufferWriter<byte>(1024);
        if (stream)
        {
            writer.WriteStream(buffer, answer, model);
        }
        else
        {
            writer.WriteCompletion(buffer, answer, model);
        }

        await response.Body.WriteAsync(buffer.WrittenMemory, httpContext.RequestAborted);
    }
}
