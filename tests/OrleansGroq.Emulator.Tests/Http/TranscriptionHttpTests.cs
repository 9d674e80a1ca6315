using System.Net;
using System.Text.Json;
using OrleansGroq.Emulator.Tests.Audio;
using OrleansGroq.Emulator.Tests.Support;

namespace OrleansGroq.Emulator.Tests.Http;

public sealed class TranscriptionHttpTests : IAsyncLifetime
{
    private EmulatorScope _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorScope.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private Task<HttpResponseMessage> TranscribeAsync(string? format, string model = "whisper-large-v3-turbo", byte[]? file = null, string path = "transcriptions")
    {
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(file ?? AudioDurationTests.Wav(4)), "file", "speech.wav" },
            { new StringContent(model), "model" },
        };
        if (format is not null)
        {
            form.Add(new StringContent(format), "response_format");
        }

        return _emulator.Client.PostAsync($"openai/v1/audio/{path}", form);
    }

    public static TheoryData<string> MalformedBodies => new()
    {
        "--other\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-large-v3-turbo\r\n--other--\r\n",
        "--b\r\nContent-Disposition: form-data; name=\"model\"\r\nX-Pad: " + new string('x', 20_000) + "\r\n\r\nwhisper-large-v3-turbo\r\n--b--\r\n",
        "--b\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-large-v3-turbo",
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task A_malformed_multipart_body_is_a_400_not_a_crash(string body)
    {
        var content = new StringContent(body);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");

        var response = await _emulator.Client.PostAsync("openai/v1/audio/transcriptions", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_error", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(1, _emulator.Control.GetStats().Totals.Errors);
    }

    [Fact]
    public async Task Json_has_text_and_a_request_id()
    {
        var response = await TranscribeAsync(null);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["text", "x_groq"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(10, body.GetProperty("text").GetString()!.Split(' ').Length);
        Assert.Matches("^req_[0-9a-z]{26}$", body.GetProperty("x_groq").GetProperty("id").GetString());
        Assert.Equal("1999", response.Headers.GetValues("x-ratelimit-remaining-requests").Single());
    }

    [Fact]
    public async Task Verbose_json_adds_task_language_duration_and_segments()
    {
        var response = await TranscribeAsync("verbose_json", file: AudioDurationTests.Wav(45));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("transcribe", body.GetProperty("task").GetString());
        Assert.Equal("english", body.GetProperty("language").GetString());
        Assert.Equal(45, body.GetProperty("duration").GetDouble());
        var segments = body.GetProperty("segments").EnumerateArray().ToList();
        Assert.Equal(2, segments.Count);
        Assert.Equal(45, segments[1].GetProperty("end").GetDouble());
        Assert.Equal(body.GetProperty("text").GetString(), string.Concat(segments.Select(s => s.GetProperty("text").GetString())).TrimStart());
    }

    [Fact]
    public async Task Text_is_plain_and_deterministic()
    {
        var first = await TranscribeAsync("text");
        var second = await TranscribeAsync("text");

        Assert.Equal("text/plain", first.Content.Headers.ContentType!.MediaType);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Translations_report_the_translate_task()
    {
        var body = JsonDocument.Parse(await (await TranscribeAsync("verbose_json", path: "translations")).Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("translate", body.GetProperty("task").GetString());
    }

    [Theory]
    [InlineData("vtt")]
    [InlineData("srt")]
    public async Task Subtitle_formats_are_refused(string format) =>
        Assert.Equal(HttpStatusCode.BadRequest, (await TranscribeAsync(format)).StatusCode);

    [Fact]
    public async Task Chat_models_do_not_transcribe_and_unknown_models_are_404()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await TranscribeAsync(null, model: "llama-3.1-8b-instant")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await TranscribeAsync(null, model: "whisper-9")).StatusCode);
    }

    [Fact]
    public async Task Whisper_rpm_is_enforced()
    {
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await TranscribeAsync("text")).StatusCode);
        }

        var refused = await TranscribeAsync("text");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("3", refused.Headers.GetValues("retry-after").Single());
    }
}
