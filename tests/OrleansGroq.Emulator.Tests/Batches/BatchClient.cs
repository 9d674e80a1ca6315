using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OrleansGroq.Emulator.Tests.Support;

namespace OrleansGroq.Emulator.Tests.Batches;

/// <summary>The Files and Batch API calls the tests make, over an <see cref="EmulatorScope"/>'s client.</summary>
internal static class BatchClient
{
    public static string Line(string customId, string body = "", string url = "/v1/chat/completions") =>
        $$"""{"custom_id":"{{customId}}","method":"POST","url":"{{url}}","body":{{(body.Length > 0 ? body : EmulatorScope.Chat(content: "Say something about " + customId))}}}""";

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string content, string purpose = "batch", string filename = "input.jsonl")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/jsonl");
        form.Add(file, "file", filename);
        form.Add(new StringContent(purpose), "purpose");
        return await client.PostAsync("openai/v1/files", form);
    }

    public static async Task<string> UploadIdAsync(HttpClient client, params string[] lines)
    {
        using var response = await UploadAsync(client, string.Join('\n', lines) + "\n");
        return (await JsonAsync(response)).GetProperty("id").GetString()!;
    }

    public static Task<HttpResponseMessage> CreateAsync(HttpClient client, string fileId, string window = "24h", string extra = "") =>
        client.PostAsync("openai/v1/batches", Json($$"""{"input_file_id":"{{fileId}}","endpoint":"/v1/chat/completions","completion_window":"{{window}}"{{extra}}}"""));

    public static async Task<JsonElement> CreateBatchAsync(HttpClient client, string fileId, string window = "24h")
    {
        using var response = await CreateAsync(client, fileId, window);
        return await JsonAsync(response);
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, string batchId)
    {
        using var response = await client.GetAsync($"openai/v1/batches/{batchId}");
        return await JsonAsync(response);
    }

    /// <summary>Reads the batch until <paramref name="done"/> holds, or fails after 10 s of real time.</summary>
    public static async Task<JsonElement> WaitAsync(HttpClient client, string batchId, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var batch = await GetAsync(client, batchId);
            if (done(batch))
            {
                return batch;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The batch did not get there; it stands at {batch}.");
            await Task.Delay(20);
        }
    }

    public static Task<JsonElement> WaitFinishedAsync(HttpClient client, string batchId) =>
        WaitAsync(client, batchId, b => b.GetProperty("status").GetString() is "completed" or "failed" or "expired" or "cancelled");

    /// <summary>The lines of a file's content, parsed.</summary>
    public static async Task<IReadOnlyList<JsonElement>> ContentAsync(HttpClient client, string fileId)
    {
        var text = await client.GetStringAsync($"openai/v1/files/{fileId}/content");
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
