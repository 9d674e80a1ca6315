using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Batches;

/// <summary>The Files and Batch API calls the tests make, through the gateway or straight to the emulator.</summary>
internal static class BatchCalls
{
    /// <summary>Gateway settings giving each tenant a client token of its own: the token is the tenant's name.</summary>
    public static Dictionary<string, string> Tenants(params string[] tenants)
    {
        var settings = new Dictionary<string, string>();
        for (var i = 0; i < tenants.Length; i++)
        {
            settings[$"Gateway:Auth:Tokens:{i}:Tenant"] = tenants[i];
            settings[$"Gateway:Auth:Tokens:{i}:Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Token(tenants[i]))));
        }

        return settings;
    }

    /// <summary>Tenants' tokens (<see cref="Tenants"/>) and cluster mode (<c>Batches:Mode = cluster</c>).</summary>
    public static Dictionary<string, string> ClusterSettings(params string[] tenants)
    {
        var settings = Tenants(tenants);
        settings["Batches:Mode"] = "cluster";
        return settings;
    }

    /// <summary>A client of <paramref name="server"/> that sends <paramref name="tenant"/>'s token (or a Groq key, for the emulator).</summary>
    public static HttpClient ClientOf(Uri server, string tokenOrKey) => new()
    {
        BaseAddress = server,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", tokenOrKey) },
    };

    public static string Token(string tenant) => $"og-batches-{tenant}";

    /// <summary>A JSONL batch input of <paramref name="count"/> chat requests.</summary>
    public static string Jsonl(int count) => string.Concat(Enumerable.Range(1, count).Select(i =>
        $$$"""{"custom_id":"line-{{{i}}}","method":"POST","url":"/v1/chat/completions","body":{"model":"{{{ChatBodies.Model}}}","messages":[{"role":"user","content":"Say {{{i}}}."}],"max_tokens":8}}""" + "\n"));

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string content, string purpose = "batch")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/jsonl");
        form.Add(file, "file", "input.jsonl");
        form.Add(new StringContent(purpose), "purpose");
        return await client.PostAsync("openai/v1/files", form);
    }

    /// <summary>Uploads a batch input of <paramref name="lines"/> lines; its id and the key it went with.</summary>
    public static async Task<(string Id, string Key)> UploadIdAsync(HttpClient client, int lines)
    {
        using var response = await UploadAsync(client, Jsonl(lines));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ((await JsonAsync(response)).GetProperty("id").GetString()!, response.Header("x-orleansgroq-key"));
    }

    public static Task<HttpResponseMessage> CreateAsync(HttpClient client, string body) =>
        client.PostAsync("openai/v1/batches", new StringContent(body, Encoding.UTF8, "application/json"));

    public static string CreateBody(string fileId, string window = "24h") =>
        $$"""{"input_file_id":"{{fileId}}","endpoint":"/v1/chat/completions","completion_window":"{{window}}"}""";

    /// <summary>Creates a batch over <paramref name="fileId"/>; its id and the key it went with.</summary>
    public static async Task<(string Id, string Key)> CreateIdAsync(HttpClient client, string fileId)
    {
        using var response = await CreateAsync(client, CreateBody(fileId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ((await JsonAsync(response)).GetProperty("id").GetString()!, response.Header("x-orleansgroq-key"));
    }

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await JsonAsync(response);
    }

    /// <summary>Reads the batch until <paramref name="done"/> holds (ten seconds at most); <paramref name="between"/> runs between reads.</summary>
    public static async Task<JsonElement> WaitAsync(HttpClient client, string batchId, Func<JsonElement, bool> done, Action? between = null)
    {
        JsonElement batch = default;
        await Polling.UntilAsync(
            async () =>
            {
                between?.Invoke();
                batch = await GetJsonAsync(client, $"openai/v1/batches/{batchId}");
                return done(batch);
            },
            $"batch {batchId} reaches the awaited state");
        return batch;
    }

    public static Task<JsonElement> WaitFinishedAsync(HttpClient client, string batchId, Action? between = null) =>
        WaitAsync(client, batchId, b => b.GetProperty("status").GetString() is "completed" or "failed" or "expired" or "cancelled", between);

    /// <summary>The <c>custom_id</c>s of a JSONL file's lines, sorted.</summary>
    public static async Task<string[]> CustomIdsAsync(HttpClient client, string fileId)
    {
        var text = await client.GetStringAsync($"openai/v1/files/{fileId}/content");
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("custom_id").GetString()!).Order(StringComparer.Ordinal)];
    }

    /// <summary>The ids in a list answer's <c>data</c>.</summary>
    public static async Task<string[]> ListIdsAsync(HttpClient client, string path) =>
        [.. (await GetJsonAsync(client, path)).GetProperty("data").EnumerateArray().Select(o => o.GetProperty("id").GetString()!)];

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
