using System.Net.Http.Headers;
using System.Text;

namespace OrleansGroq.IntegrationTests.Infrastructure;

internal static class ChatBodies
{
    public const string Model = "llama-3.1-8b-instant";

    public static string Simple(string model = Model, bool stream = false, int maxTokens = 16) =>
        $$"""{"model":"{{model}}","stream":{{(stream ? "true" : "false")}},"max_tokens":{{maxTokens}},"messages":[{"role":"user","content":"Say hello."}]}""";

    public static HttpRequestMessage Post(string body, string? sessionId = null, string path = "openai/v1/chat/completions")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        if (sessionId is not null)
        {
            request.Headers.Add("x-session-id", sessionId);
        }

        return request;
    }
}
