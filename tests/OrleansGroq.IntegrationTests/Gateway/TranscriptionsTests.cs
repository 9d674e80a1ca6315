using System.Net;
using System.Net.Http.Headers;
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
    public async Task A_bad_model_after_the_file_is_refused_before_any_upstream_request_opens(string model, int status, string code)
    {
        using var form = Transcriptions.Form(model, seconds: 30);

        using var response = await _upstream.Gateway.Http.PostAsync("openai/v1/audio/transcriptions", form);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(code, (await response.ErrorAsync()).GetProperty("code").GetString());
        Assert.Equal(0, _upstream.Emulator.Control.GetStats().Totals.Requests);
    }

    public static TheoryData<string, string, string?> Malformed => new()
    {
        { "boundary that does not match", Part("other", "model", "whisper-large-v3-turbo") + "--other--\r\n", null },
        { "part headers over 16 KB", "--b\r\nContent-Disposition: form-data; name=\"model\"\r\nX-Pad: " + new string('x', 20_000) + "\r\n\r\naudio\r\n--b--\r\n", null },
        { "no closing boundary", Part("b", "file", "RIFF", fileName: "a.wav") + Part("b", "model", "audio"), null },
        { "a part without a name", "--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--\r\n", null },
        { "no file", Part("b", "model", "audio") + "--b--\r\n", "file" },
        { "no model", Part("b", "file", "RIFF", fileName: "a.wav") + "--b--\r\n", "model" },
        { "a response format groq refuses", Part("b", "file", "RIFF", fileName: "a.wav") + Part("b", "model", "audio") + Part("b", "response_format", "srt") + "--b--\r\n", "response_format" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_upload_is_a_400_and_costs_no_upstream_call(string what, string body, string? param)
    {
        using var content = new StringContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");

        using var response = await _upstream.Gateway.Http.PostAsync("openai/v1/audio/transcriptions", content);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {response.StatusCode}");
        var error = await response.ErrorAsync();
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.NotNull(error.GetProperty("code").GetString());
        Assert.Equal(0, _upstream.Emulator.Control.GetStats().Totals.Requests);
    }

    private static string Part(string boundary, string name, string value, string? fileName = null) =>
        $"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"{(fileName is null ? "" : $"; filename=\"{fileName}\"")}\r\n\r\n{value}\r\n";

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
