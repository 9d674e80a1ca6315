using System.Text.Json;

namespace OrleansGroq.Emulator.Http;

/// <summary>Builds a JSON body in a pooled buffer, then sends it with its Content-Length.</summary>
internal static class JsonResponse
{
    public static Task SendAsync<TState>(HttpResponse response, int status, TState state, Action<Utf8JsonWriter, TState> write)
    {
        var body = new PooledBufferWriter();
        var writer = JsonWriting.Acquire(body);
        try
        {
            write(writer, state);
        }
        catch
        {
            body.Dispose();
            throw;
        }
        finally
        {
            JsonWriting.Release(writer);
        }

        response.StatusCode = status;
        return SendAsync(response, body, "application/json");
    }

    public static async Task SendAsync(HttpResponse response, PooledBufferWriter body, string contentType)
    {
        try
        {
            response.ContentType = contentType;
            response.ContentLength = body.WrittenCount;
            await response.BodyWriter.WriteAsync(body.WrittenMemory);
        }
        finally
        {
            body.Dispose();
        }
    }
}
