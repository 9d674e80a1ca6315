using System.Diagnostics;
using System.Net;
using System.Text;

namespace OrleansGroq.Benchmarks.Load;

/// <summary>
/// Chat completions of mixed shapes offered open loop with Poisson arrivals, all drawn from one seed: prompts of
/// 50–2,000 characters, <c>max_tokens</c> 16–256, 30% streamed, spread evenly over the given models. Requests go to
/// the live clients in turn; a client taken out of the rotation (its node about to be killed) gets no new requests,
/// and what it had in flight is counted apart from the rest.
/// </summary>
internal sealed class MixedTraffic(IReadOnlyList<HttpClient> clients, IReadOnlyList<string> models, int seed)
{
    private const double StreamedShare = 0.3;
    private static readonly string[] Words = ["quota", "bucket", "refill", "token", "minute", "silo", "grain", "lease", "slice", "budget", "stream", "usage"];

    private readonly bool[] _retired = new bool[clients.Count];
    private long _sent, _served, _rejected, _lost, _lostOnRetired;

    /// <summary>The mean tokens a request of this mix reserves (prompt at 4 characters a token, plus <c>max_tokens</c>), for sizing the offered rate.</summary>
    public static double MeanReservedTokens => ((50 + 2_000) / 2.0 / 4) + 4 + ((16 + 256) / 2.0);

    /// <summary>Stops sending to one client; its requests still in flight are counted as lost on a retired node if they fail.</summary>
    public void Retire(int client) => Volatile.Write(ref _retired[client], true);

    public async Task<MixedTrafficResult> OfferAsync(double perSecond, TimeSpan duration)
    {
        var random = new Random(seed);
        var inFlight = new List<Task>();
        var start = Stopwatch.GetTimestamp();
        var due = TimeSpan.Zero;
        for (var i = 0; ; i++)
        {
            // Exponential gaps make a Poisson process of the given rate.
            due += TimeSpan.FromSeconds(-Math.Log(1 - random.NextDouble()) / perSecond);
            if (due >= duration)
            {
                break;
            }

            var body = Body(random, models[i % models.Count], out var stream);
            var wait = due - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var client = NextLive(i);
            Interlocked.Increment(ref _sent);
            inFlight.Add(Task.Run(() => SendAsync(client, body, stream)));
        }

        await Task.WhenAll(inFlight);
        return new MixedTrafficResult(_sent, _served, _rejected, _lost, _lostOnRetired);
    }

    private int NextLive(int i)
    {
        for (var step = 0; step < clients.Count; step++)
        {
            var candidate = (i + step) % clients.Count;
            if (!Volatile.Read(ref _retired[candidate]))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("Every node was retired.");
    }

    private async Task SendAsync(int client, string body, bool stream)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "openai/v1/chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            using var response = await clients[client].SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            if (response.IsSuccessStatusCode)
            {
                // A stream is served only when it was read to its end.
                var text = await response.Content.ReadAsStringAsync();
                if (!stream || text.Contains("data: [DONE]", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref _served);
                    return;
                }
            }
            else if (response.StatusCode == HttpStatusCode.TooManyRequests && response.Headers.RetryAfter?.Delta > TimeSpan.Zero)
            {
                Interlocked.Increment(ref _rejected);
                return;
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or TaskCanceledException)
        {
        }

        Interlocked.Increment(ref Volatile.Read(ref _retired[client]) ? ref _lostOnRetired : ref _lost);
    }

    private static string Body(Random random, string model, out bool stream)
    {
        var characters = random.Next(50, 2_001);
        var maxTokens = random.Next(16, 257);
        stream = random.NextDouble() < StreamedShare;
        var prompt = new StringBuilder(characters + 16);
        while (prompt.Length < characters)
        {
            prompt.Append(Words[random.Next(Words.Length)]).Append(' ');
        }

        prompt.Length = characters;
        return $$"""{"model":"{{model}}","max_tokens":{{maxTokens}},"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"{{prompt}}"}]}""";
    }
}
