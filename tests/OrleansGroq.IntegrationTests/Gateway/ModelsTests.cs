using System.ClientModel;
using System.Net;
using System.Text.Json;
using OpenAI;
using OpenAI.Models;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Gateway;

public sealed class ModelsTests : IAsyncLifetime
{
    private TestUpstream _upstream = null!;

    public async Task InitializeAsync() => _upstream = await TestUpstream.StartAsync([new TestKey("k1", "org_models", "gsk_test_models_key")]);

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Theory]
    [InlineData("openai/v1/models")]
    [InlineData("v1/models")]
    public async Task The_catalog_lists_groqs_models_in_groqs_shape(string path)
    {
        using var json = JsonDocument.Parse(await _upstream.Gateway.Http.GetStringAsync(path));

        Assert.Equal("list", json.RootElement.GetProperty("object").GetString());
        var ids = json.RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "llama-3.1-8b-instant", "llama-3.3-70b-versatile", "openai/gpt-oss-20b", "openai/gpt-oss-120b", "meta-llama/llama-4-scout-17b-16e-instruct", "qwen/qwen3-32b", "moonshotai/kimi-k2-instruct-0905", "groq/compound", "groq/compound-mini", "whisper-large-v3-turbo", "whisper-large-v3" }, ids);
        var first = json.RootElement.GetProperty("data")[0];
        Assert.Equal("model", first.GetProperty("object").GetString());
        Assert.True(first.GetProperty("context_window").GetInt32() > 0);
        Assert.True(first.TryGetProperty("max_completion_tokens", out _));
        Assert.True(first.TryGetProperty("owned_by", out _));
    }

    [Fact]
    public async Task A_model_id_with_a_slash_is_found_and_an_unknown_one_is_a_404()
    {
        using var json = JsonDocument.Parse(await _upstream.Gateway.Http.GetStringAsync("openai/v1/models/openai/gpt-oss-20b"));
        using var missing = await _upstream.Gateway.Http.GetAsync("openai/v1/models/nope");

        Assert.Equal("openai/gpt-oss-20b", json.RootElement.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("model_not_found", (await missing.ErrorAsync()).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("openai/v1/models")]
    [InlineData("v1/models")]
    public async Task The_list_carries_each_alias_after_the_models_marked_with_the_model_it_stands_for(string path)
    {
        using var json = JsonDocument.Parse(await _upstream.Gateway.Http.GetStringAsync(path));

        var entries = json.RootElement.GetProperty("data").EnumerateArray().ToList();
        var aliases = entries.Where(e => e.TryGetProperty("x_orleansgroq", out _)).ToList();
        Assert.Equal(["audio", "quality", "reasoning", "speed", "vision"], aliases.Select(a => a.GetProperty("id").GetString()));
        Assert.Equal(entries.Count - aliases.Count, entries.FindIndex(e => e.TryGetProperty("x_orleansgroq", out _)));
        var speed = aliases.Single(a => a.GetProperty("id").GetString() == "speed");
        var instant = entries.Single(e => e.GetProperty("id").GetString() == "llama-3.1-8b-instant");
        Assert.Equal("llama-3.1-8b-instant", speed.GetProperty("x_orleansgroq").GetProperty("alias_of").GetString());
        Assert.Equal("model", speed.GetProperty("object").GetString());
        Assert.Equal(instant.GetProperty("context_window").GetInt32(), speed.GetProperty("context_window").GetInt32());
        Assert.Equal(instant.GetProperty("max_completion_tokens").GetInt32(), speed.GetProperty("max_completion_tokens").GetInt32());
        Assert.Equal(instant.GetProperty("owned_by").GetString(), speed.GetProperty("owned_by").GetString());
    }

    [Theory]
    [InlineData("openai/v1/models/speed")]
    [InlineData("v1/models/SPEED")]
    public async Task An_alias_resolves_to_its_entry(string path)
    {
        using var json = JsonDocument.Parse(await _upstream.Gateway.Http.GetStringAsync(path));

        Assert.Equal("speed", json.RootElement.GetProperty("id").GetString());
        Assert.Equal("llama-3.1-8b-instant", json.RootElement.GetProperty("x_orleansgroq").GetProperty("alias_of").GetString());
    }

    [Fact]
    public async Task The_openai_dotnet_sdk_lists_and_gets_an_alias()
    {
        var client = new OpenAIModelClient(new ApiKeyCredential("any-token-on-loopback"), new OpenAIClientOptions
        {
            Endpoint = new Uri(_upstream.Gateway.BaseAddress, "openai/v1"),
        });

        OpenAIModelCollection models = await client.GetModelsAsync();
        OpenAIModel quality = await client.GetModelAsync("quality");

        Assert.Contains(models, m => m.Id == "quality");
        Assert.Contains(models, m => m.Id == "llama-3.3-70b-versatile");
        Assert.Equal("quality", quality.Id);
        Assert.Equal("Meta", quality.OwnedBy);
    }
}
