using System.Net;
using System.Text.Json;
using OrleansGroq.Emulator.Tests.Support;

namespace OrleansGroq.Emulator.Tests.Http;

public sealed class TimeProfileHttpTests : IAsyncLifetime
{
    // llama-3.1-8b-instant: 15 ms queue + 60 ms to first token + 32 tokens at 560 tokens/s.
    private static readonly TimeSpan Expected = TimeSpan.FromMilliseconds(15 + 60 + (32 * 1000.0 / 560));

    private EmulatorScope _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorScope.StartAsync(new EmulatorOptions { TimeProfile = "realistic" });

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task Realistic_waits_queue_first_token_and_speed()
    {
        var request = _emulator.PostChatAsync(EmulatorScope.Chat());
        var waited = await _emulator.AdvanceUntilDoneAsync(request, TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(5));

        var response = await request;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(waited >= Expected, $"waited {waited}");
        var usage = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("usage");
        Assert.Equal(0.015, usage.GetProperty("queue_time").GetDouble());
    }

    [Fact]
    public async Task Realistic_paces_streamed_tokens()
    {
        var request = _emulator.PostChatAsync(EmulatorScope.Chat(extra: "\"stream\":true"));
        var waited = await _emulator.AdvanceUntilDoneAsync(request, TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(5));

        Assert.Equal(34, ServerSentEvents.Chunks(await (await request).Content.ReadAsStringAsync()).Count);
        // The first token comes with the first byte, the 32nd 31 token-times later; waits under 2 ms are skipped.
        var streamed = TimeSpan.FromMilliseconds(15 + 60 + (31 * 1000.0 / 560) - 2);
        Assert.True(waited >= streamed, $"waited {waited}");
    }
}
