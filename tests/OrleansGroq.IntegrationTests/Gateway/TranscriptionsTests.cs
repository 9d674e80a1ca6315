using System.Net;
using System.Text;
using System.Text.Json;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Gateway;

public sealed class TranscriptionsTests : IAsyncLifetime
{
    private TestUpstream _upstream = null!;

    public async Task InitializeAsync() => _upstream = await TestUpstream.StartAsync([new TestKey("k1", "org_audio", "gsk_test_transcriptions_key")]);

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task An_upload_is_relayed_with_the_audio_alias_resolved()
    {
        using var form = Transcriptions.Form("audio", seconds: 2, responseFormat: "verbose_json");

        using var response = await _upstream.Gateway.Http.PostAsync("openai/v1/audio/transcriptions", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("whisper-large-v3-turbo", response.Header("x-orleansgroq-model"));
        Assert.Equal("k1", response.Header("x-orleansgroq-key"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(2.0, json.RootElement.GetProperty("duration").GetDouble(), 1);
        Assert.Equal(1, _upstream.Emulator.Control.GetStats().For("k1", "whisper-large-v3-turbo").Served);
    }

    [Theory]
    [InlineData("not-a-model", 404, "model_not_found")]
    [InlineData("llama-3.1-8b-instant", 400, "model_not_supported")]
    public async Task A_bad_model_is_refused_in_openai_shape(string model, int status, string code)
    {
        using var form = Transcriptions.Form(model, seconds: 1);

        using var response = await _upstream.Gateway.Http.PostAsync("openai/v1/audio/transcriptions", form);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(code, (await response.ErrorAsync()).GetProperty("code").GetString());
        Assert.Equal(0, _upstream.Emulator.Control.GetStats().Totals.Served);
    }

    [Fact]
    public async Task A_body_that_is_not_multipart_is_a_415()
    {
        using var response = await _upstream.Gateway.Http.PostAsync(
            "openai/v1/audio/transcriptions", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("unsupported_media_type", (await response.ErrorAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_multipart_body_without_a_boundary_is_a_400()
    {
        using var content = new StringContent("--x\r\n", Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("multipart/form-data");

        using var response = await _upstream.Gateway.Http.PostAsync("openai/v1/audio/transcriptions", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_content_type", (await response.ErrorAsync()).GetProperty("code").GetString());
    }
}
