using System.Net;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Gateway;

public sealed class BodyLimitTests : IAsyncLifetime
{
    private TestUpstream _upstream = null!;

    public async Task InitializeAsync() =>
        _upstream = await TestUpstream.StartAsync(
            [new TestKey("k1", "org_limits", "gsk_test_body_limit_key")],
            new Dictionary<string, string> { ["Gateway:MaxRequestBodyBytes"] = "2048", ["Gateway:MaxAudioBodyBytes"] = "4096" });

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task A_chat_body_over_the_limit_gets_a_413_and_the_server_keeps_serving()
    {
        var huge = ChatBodies.Simple().Replace("Say hello.", new string('x', 5000), StringComparison.Ordinal);

        using var refused = await _upstream.Gateway.Http.SendAsync(ChatBodies.Post(huge));
        using var served = await _upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple()));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Equal("request_too_large", (await refused.ErrorAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(1, _upstream.Emulator.Control.GetStats().Totals.Requests);
    }

    [Fact]
    public async Task A_chat_body_over_the_limit_without_a_content_length_is_refused_while_read()
    {
        var huge = ChatBodies.Simple().Replace("Say hello.", new string('x', 5000), StringComparison.Ordinal);
        using var request = ChatBodies.Post(huge);
        request.Headers.TransferEncodingChunked = true;

        using var response = await _upstream.Gateway.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, _upstream.Emulator.Control.GetStats().Totals.Requests);
    }

    [Fact]
    public async Task An_audio_upload_over_the_limit_gets_a_413()
    {
        using var form = Transcriptions.Form("whisper-large-v3-turbo", seconds: 1);

        using var response = await _upstream.Gateway.Http.PostAsync("openai/v1/audio/transcriptions", form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request_too_large", (await response.ErrorAsync()).GetProperty("code").GetString());
    }
}
