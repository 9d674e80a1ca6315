namespace OrleansGroq.Silo.Http;

/// <summary>Reads a JSON request body into pooled memory, refusing it as soon as it passes the limit.</summary>
public static class RequestBodyReader
{
    /// <returns>The body, or null when it is larger than <paramref name="limit"/>.</returns>
    public static async ValueTask<PooledBody?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        var body = new PooledBody((int)Math.Min(request.ContentLength ?? 4096, limit));
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(body.GetMemory(), cancellationToken)) > 0)
            {
                body.Advance(read);
                if (body.Length > limit)
                {
                    body.Dispose();
                    return null;
                }
            }

            return body;
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }
}
