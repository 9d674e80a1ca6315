using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace OrleansGroq.IntegrationTests.Infrastructure;

/// <summary>The conversation API as a client application uses it.</summary>
internal sealed class ConversationClient(HttpClient http, string? token = null)
{
    public async Task<string> CreateAsync(string? body = null)
    {
        using var response = await SendAsync(HttpMethod.Post, "v1/conversations", body ?? "{}");
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("id").GetString()!;
    }

    public Task<HttpResponseMessage> SayAsync(string id, string content, bool stream = false, int? maxTokens = 8, string? idempotencyKey = null) =>
        SendAsync(
            HttpMethod.Post,
            $"v1/conversations/{id}/messages",
            JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["role"] = "user",
                ["content"] = content,
                ["stream"] = stream,
                ["max_tokens"] = maxTokens,
            }),
            idempotencyKey is null ? null : new Dictionary<string, string> { ["Idempotency-Key"] = idempotencyKey });

    public async Task<JsonElement> GetAsync(string id)
    {
        using var response = await SendAsync(HttpMethod.Get, $"v1/conversations/{id}");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>())!;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body = null, IDictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return http.SendAsync(request);
    }
}
