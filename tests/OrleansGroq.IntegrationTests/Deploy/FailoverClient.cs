using System.Net;
using System.Text.Json;

namespace OrleansGroq.IntegrationTests.Deploy;

/// <summary>
/// Several nodes behind one client, as behind a load balancer: each request goes to the next node in turn, and to
/// another one when a node turned it away unread: it refused the connection, closed it without answering (HAProxy's
/// <c>retry-on conn-failure empty-response</c>), or answered 503 <c>shutting_down</c>. Any other answer is the
/// request's answer. A node that closed a connection with a request it had begun would be retried too, so a test
/// judges that from the upstream's side.
/// </summary>
internal sealed class FailoverClient(IReadOnlyList<HttpClient> nodes)
{
    // Past one round of refusals every node is down at once, which a rolling restart never causes: give up then.
    private const int MaxRounds = 50;
    private static readonly TimeSpan RoundPause = TimeSpan.FromMilliseconds(100);

    private int _next;
    private long _refused;
    private long _unanswered;
    private long _shuttingDown;

    /// <summary>Attempts whose connection was refused.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Attempts whose connection was closed before any answer.</summary>
    public long Unanswered => Interlocked.Read(ref _unanswered);

    /// <summary>Attempts answered 503 <c>shutting_down</c>.</summary>
    public long ShuttingDown => Interlocked.Read(ref _shuttingDown);

    /// <summary>Sends the request <paramref name="create"/> makes to one node after another until one takes it.</summary>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        var first = Interlocked.Increment(ref _next);
        for (var attempt = 0; attempt < MaxRounds * nodes.Count; attempt++)
        {
            if (attempt > 0 && attempt % nodes.Count == 0)
            {
                await Task.Delay(RoundPause);
            }

            var node = nodes[(int)((uint)(first + attempt) % nodes.Count)];
            try
            {
                var response = await node.SendAsync(create(), completion);
                if (!await IsShuttingDownAsync(response))
                {
                    return response;
                }

                response.Dispose();
                Interlocked.Increment(ref _shuttingDown);
            }
            catch (HttpRequestException e)
            {
                Interlocked.Increment(ref e.HttpRequestError == HttpRequestError.ConnectionError ? ref _refused : ref _unanswered);
            }
        }

        throw new InvalidOperationException($"Every node refused the request for {MaxRounds} rounds.");
    }

    private static async Task<bool> IsShuttingDownAsync(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
        {
            return false;
        }

        // Buffered, so that the caller can still read an answer that is not this refusal.
        await response.Content.LoadIntoBufferAsync();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.TryGetProperty("error", out var error) && error.GetProperty("code").GetString() == "shutting_down";
    }
}
