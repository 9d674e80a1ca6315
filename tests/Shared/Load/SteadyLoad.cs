using System.Diagnostics;
using System.Net;
using System.Text;

namespace OrleansGroq.Testing.Load;

/// <summary>
/// Chat requests offered at a steady rate whatever the answers (open loop), spread over the given clients in turn,
/// each answer counted as served, refused with a 429 that carries <c>retry-after</c>, or lost (anything else).
/// </summary>
public static class SteadyLoad
{
    public static async Task<SteadyLoadResult> OfferAsync(IReadOnlyList<HttpClient> clients, string path, string body, double perSecond, TimeSpan duration)
    {
        long sent = 0, served = 0, rejected = 0, lost = 0;
        var inFlight = new List<Task>();
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; Stopwatch.GetElapsedTime(start) < duration; i++)
        {
            var wait = TimeSpan.FromSeconds(i / perSecond) - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var client = clients[i % clients.Count];
            sent++;
            inFlight.Add(Task.Run(async () =>
            {
                try
                {
                    using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
                    if (response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref served);
                    }
                    else if (response.StatusCode == HttpStatusCode.TooManyRequests && response.Headers.RetryAfter?.Delta > TimeSpan.Zero)
                    {
                        Interlocked.Increment(ref rejected);
                    }
                    else
                    {
                        Interlocked.Increment(ref lost);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref lost);
                }
            }));
        }

        await Task.WhenAll(inFlight);
        return new SteadyLoadResult(sent, served, rejected, lost);
    }
}
