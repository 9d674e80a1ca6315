using OrleansGroq.Emulator;

namespace OrleansGroq.IntegrationTests.Infrastructure;

/// <summary>Calls the emulator with a key directly, bypassing the gateway: how a test spends an account's budget behind the gateway's back.</summary>
internal static class EmulatorDirect
{
    public static async Task<HttpResponseMessage> SendAsync(EmulatorHost emulator, TestKey key, string body)
    {
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        using var request = ChatBodies.Post(body);
        request.Headers.Authorization = new("Bearer", key.Secret);
        return await http.SendAsync(request);
    }

    /// <summary>Sends <paramref name="body"/> with <paramref name="key"/> until the emulator answers 429; returns that answer.</summary>
    public static async Task<HttpResponseMessage> SpendUntilRateLimitedAsync(EmulatorHost emulator, TestKey key, string body, int maxRequests = 200)
    {
        for (var i = 0; i < maxRequests; i++)
        {
            var response = await SendAsync(emulator, key, body);
            if ((int)response.StatusCode == 429)
            {
                return response;
            }

            response.Dispose();
        }

        throw new InvalidOperationException($"The emulator did not rate-limit {key.Alias} within {maxRequests} requests.");
    }
}
