using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Client.Http;

/// <summary>The sample service, a process that references only the client, against a running gateway.</summary>
public sealed class SampleServiceTests : IAsyncLifetime
{
    private static readonly TestKey Key = new("sample-a", "org_sample", "gsk_test_sample_service_key");
    private TestUpstream _upstream = null!;
    private SampleProcess _sample = null!;

    public async Task InitializeAsync()
    {
        _upstream = await TestUpstream.StartAsync([Key]);
        _sample = await SampleProcess.StartAsync(_upstream.Gateway.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        await _sample.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task Answers_a_question_after_calling_its_tool()
    {
        using var response = await _sample.Http.PostAsJsonAsync("ask", new { text = "What time is it?", user = "user-1" });
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(answer.RootElement.GetProperty("text").GetString()));
        Assert.Equal(ChatBodies.Model, answer.RootElement.GetProperty("model").GetString());
        Assert.Equal(Key.Alias, answer.RootElement.GetProperty("key").GetString());
        Assert.False(answer.RootElement.GetProperty("degraded").GetBoolean());
        Assert.Equal(2, _upstream.Emulator.Control.GetStats().Totals.Requests);
    }

    [Fact]
    public async Task Keeps_a_chat_through_the_gateways_conversations()
    {
        using var created = await _sample.Http.PostAsync("chats", null);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        using var said = await _sample.Http.PostAsJsonAsync($"chats/{id}", new { text = "Hello!" });
        var history = await _sample.Http.GetFromJsonAsync<JsonElement>($"chats/{id}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, said.StatusCode);
        Assert.Equal(["system", "user", "assistant"], history.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("Hello!", history[1].GetProperty("text").GetString());
    }
}
