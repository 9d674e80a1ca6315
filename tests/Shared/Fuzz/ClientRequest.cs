namespace OrleansGroq.Testing.Fuzz;

/// <summary>
/// A request HttpClient can send: well-formed HTTP whose method, path, headers or body are wrong. It asks for
/// <c>Connection: close</c>, so no two requests share a connection.
/// </summary>
internal sealed class ClientRequest(HttpMethod method, string path) : FuzzRequest
{
    /// <summary>Answers past this size are cut. An error that echoes a megabyte-long value must still parse as JSON.</summary>
    private const int MaxBodyBytes = 8 << 20;

    public HttpMethod Method => method;

    /// <summary>Relative to the gateway's root, e.g. <c>v1/chat/completions</c>; may hold <see cref="ConversationPick.Placeholder"/>.</summary>
    public string Path => path;

    public byte[]? Body { get; init; }

    /// <summary>The Content-Type sent with <see cref="Body"/>; null sends none at all.</summary>
    public string? ContentType { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public ConversationPick Conversation { get; init; }

    public static ClientRequest Get(string path) => new(HttpMethod.Get, path);

    public static ClientRequest Json(string path, byte[] body, string? contentType = "application/json") =>
        new(HttpMethod.Post, path) { Body = body, ContentType = contentType };

    /// <summary>This request with one more header.</summary>
    public ClientRequest WithHeader(KeyValuePair<string, string> header) => new(method, path)
    {
        Body = Body,
        ContentType = ContentType,
        Conversation = Conversation,
        Headers = [.. Headers, header],
    };

    public override async Task<FuzzAnswer> SendAsync(FuzzTarget target, CancellationToken cancellationToken)
    {
        var resolved = await target.Conversations.ResolveAsync(path, Conversation, cancellationToken);
        using var request = new HttpRequestMessage(method, new Uri(resolved, UriKind.Relative));
        request.Headers.ConnectionClose = true;
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        foreach (var (name, value) in Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await target.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var body = await ReadBodyAsync(response, cancellationToken);
            return FuzzAnswer.From((int)response.StatusCode, name => Header(response, name), body);
        }
        catch (HttpRequestException ex)
        {
            return FuzzAnswer.None("no answer: " + ex.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return FuzzAnswer.None($"no answer within {target.Http.Timeout.TotalSeconds:0}s");
        }
        catch (IOException ex)
        {
            return FuzzAnswer.None("answer cut off: " + ex.Message);
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var body = new MemoryStream();
        var buffer = new byte[16384];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            body.Write(buffer, 0, (int)Math.Min(read, Math.Max(0, MaxBodyBytes - body.Length)));
        }

        return body.ToArray();
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : null;
}
