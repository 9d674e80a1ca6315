using System.Net;
using System.Text.Json;
using OrleansGroq.Emulator.Tests.Support;

namespace OrleansGroq.Emulator.Tests.Http;

public sealed class ModelsHttpTests : IAsyncLifetime
{
    private EmulatorScope _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorScope.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task Lists_the_catalog_in_groq_shape()
    {
        var body = JsonDocument.Parse(await _emulator.Client.GetStringAsync("openai/v1/models")).RootElement;

        Assert.Equal("list", body.GetProperty("object").GetString());
        var models = body.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(11, models.Count);
        Assert.All(models, m => Assert.Equal(
            ["id", "object", "created", "owned_by", "active", "context_window", "public_apps", "max_completion_tokens"],
            m.EnumerateObject().Select(p => p.Name)));
        Assert.Contains(models, m => m.GetProperty("id").GetString() == "whisper-large-v3-turbo");
    }

    [Fact]
    public async Task Gets_a_model_whose_id_has_a_slash()
    {
        var model = JsonDocument.Parse(await _emulator.Client.GetStringAsync("openai/v1/models/openai/gpt-oss-20b")).RootElement;

        Assert.Equal(
            """{"id":"openai/gpt-oss-20b","object":"model","created":1754407957,"owned_by":"OpenAI","active":true,"context_window":131072,"public_apps":null,"max_completion_tokens":65536}""",
            model.GetRawText());
    }

    [Fact]
    public async Task An_unknown_model_is_404()
    {
        var response = await _emulator.Client.GetAsync("openai/v1/models/meta/nothing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("model_not_found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_need_a_key()
    {
        _emulator.Client.DefaultRequestHeaders.Authorization = null;

        Assert.Equal(HttpStatusCode.Unauthorized, (await _emulator.Client.GetAsync("openai/v1/models")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _emulator.Client.GetAsync("openai/v1/models/openai/gpt-oss-20b")).StatusCode);
    }
}
