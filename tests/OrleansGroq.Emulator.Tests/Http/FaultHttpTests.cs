using System.Net;
using System.Text.Json;
using OrleansGroq.Emulator.Tests.Support;

namespace OrleansGroq.Emulator.Tests.Http;

public sealed class FaultHttpTests : IAsyncLifetime
{
    private static readonly string Stream = EmulatorScope.Chat(extra: "\"stream\":true,\"max_tokens\":4");
    private EmulatorScope _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorScope.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Theory]
    [InlineData(FaultKind.Status500, 500, "internal_server_error", null)]
    [InlineData(FaultKind.Status502, 502, "internal_server_error", null)]
    [InlineData(FaultKind.Status498, 498, "internal_server_error", "capacity_exceeded")]
    public async Task Status_faults_answer_with_their_status(FaultKind kind, int status, string type, string? code)
    {
        _emulator.Control.AddFault(new FaultRule { Kind = kind, Times = 1 });

        var (response, body) = await _emulator.PostChatJsonAsync(EmulatorScope.Chat());

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(type, body.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(code, body.GetProperty("error").TryGetProperty("code", out var c) ? c.GetString() : null);
        Assert.True(response.Headers.Contains("x-ratelimit-remaining-requests"));
        Assert.Equal(HttpStatusCode.OK, (await _emulator.PostChatAsync(EmulatorScope.Chat())).StatusCode);
        Assert.Equal(1, _emulator.Control.GetStats().Totals.Errors);
    }

    [Fact]
    public async Task Status_503_is_groq_over_capacity_for_the_model_and_request_number()
    {
        _emulator.Control.AddFault(new FaultRule { Kind = FaultKind.Status503, Model = "qwen/qwen3-32b", RequestNumbers = [2] });

        Assert.Equal(HttpStatusCode.OK, (await _emulator.PostChatAsync(EmulatorScope.Chat(model: "qwen/qwen3-32b"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _emulator.PostChatAsync(EmulatorScope.Chat())).StatusCode);
        var (response, body) = await _emulator.PostChatJsonAsync(EmulatorScope.Chat(model: "qwen/qwen3-32b"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(
            """{"message":"qwen/qwen3-32b is currently over capacity. Please try again and back off exponentially. Visit https://groqstatus.com to see if there is an active incident.","type":"internal_server_error"}""",
            body.GetProperty("error").GetRawText());
    }

    [Fact]
    public async Task Latency_delays_the_answer_on_the_clock()
    {
        _emulator.Control.AddFault(new FaultRule { Kind = FaultKind.Latency, DelayMs = 1000 });

        var request = _emulator.PostChatAsync(EmulatorScope.Chat());
        var waited = await _emulator.AdvanceUntilDoneAsync(request, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.OK, (await request).StatusCode);
        Assert.True(waited >= TimeSpan.FromSeconds(1), $"waited {waited}");
    }

    [Fact]
    public async Task Latency_delays_a_stream_which_then_completes()
    {
        _emulator.Control.AddFault(new FaultRule { Kind = FaultKind.Latency, DelayMs = 1000 });

        var request = _emulator.PostChatAsync(Stream);
        var waited = await _emulator.AdvanceUntilDoneAsync(request, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10));
        var events = ServerSentEvents.Parse(await (await request).Content.ReadAsStringAsync());

        Assert.True(waited >= TimeSpan.FromSeconds(1), $"waited {waited}");
        Assert.DoesNotContain(events, e => e.Event == "error");
        Assert.Equal("[DONE]", events[^1].Data);
        Assert.Equal(1, _emulator.Control.GetStats().Totals.Served);
    }

    [Fact]
    public async Task Stall_before_first_byte_sends_nothing_then_drops_the_connection()
    {
        _emulator.Control.AddFault(new FaultRule { Kind = FaultKind.StallBeforeFirstByte, DelayMs = 500 });

        var request = _emulator.PostChatAsync(EmulatorScope.Chat());
        var waited = await _emulator.AdvanceUntilDoneAsync(request, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10));

        await Assert.ThrowsAsync<HttpRequestException>(() => request);
        Assert.True(waited >= TimeSpan.FromMilliseconds(500), $"waited {waited}");
    }

    [Fact]
    public async Task Stall_mid_stream_pauses_then_completes()
    {
        _emulator.Control.AddFault(new FaultRule { Kind = FaultKind.StallMidStream, AfterChunks = 2, DelayMs = 2000 });
        var response = await _emulator.PostChatAsync(Stream, HttpCompletionOption.ResponseHeadersRead);

        var body = response.Content.ReadAsStringAsync();
        var waited = await _emulator.AdvanceUntilDoneAsync(body, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(20));

        Assert.True(waited >= TimeSpan.FromSeconds(2), $"waited {waited}");
        Assert.Equal(1 + 4 + 1, ServerSentEvents.Chunks(await body).Count);
    }

    [Fact]
    public async Task Reset_mid_stream_aborts_after_the_given_chunks()
    {
        _emulator.Control.AddFault(new FaultRule { Kind = FaultKind.ResetMidStream, AfterChunks = 3 });
        var response = await _emulator.PostChatAsync(Stream, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        var lines = new List<string>();
        var failure = await Record.ExceptionAsync(async () =>
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                lines.Add(line);
            }
        });

        Assert.True(failure is IOException or HttpRequestException, $"unexpected {failure}");
        Assert.Equal(3, lines.Count(l => l.StartsWith("data: ", StringComparison.Ordinal)));
        Assert.Equal(1, _emulator.Control.GetStats().Totals.Errors);
    }

    [Fact]
    public async Task Malformed_chunk_breaks_one_chunk_and_the_stream_goes_on()
    {
        _emulator.Control.AddFault(new FaultRule { Kind = FaultKind.MalformedChunk, AfterChunks = 2 });
        var response = await _emulator.PostChatAsync(Stream);
        var events = ServerSentEvents.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("[DONE]", events[^1].Data);
        var broken = events.Where(e => e.Data != "[DONE]" && !IsJson(e.Data)).ToList();
        Assert.Single(broken);
        Assert.Same(broken[0].Data, events[2].Data);
    }

    [Fact]
    public async Task Error_event_ends_the_stream_without_done()
    {
        _emulator.Control.AddFault(new FaultRule { Kind = FaultKind.ErrorEvent, AfterChunks = 1 });
        var response = await _emulator.PostChatAsync(Stream);
        var events = ServerSentEvents.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(2, events.Count);
        Assert.Equal("error", events[1].Event);
        var error = JsonDocument.Parse(events[1].Data).RootElement.GetProperty("error");
        Assert.Equal(["message", "type", "code", "status_code"], error.EnumerateObject().Select(p => p.Name));
        Assert.Equal(500, error.GetProperty("status_code").GetInt32());
        Assert.DoesNotContain(events, e => e.Data == "[DONE]");
    }

    [Fact]
    public async Task Mid_stream_faults_leave_non_streamed_requests_alone()
    {
        _emulator.Control.AddFault(new FaultRule { Kind = FaultKind.ErrorEvent, Times = 1 });

        Assert.Equal(HttpStatusCode.OK, (await _emulator.PostChatAsync(EmulatorScope.Chat())).StatusCode);
        Assert.Equal("error", ServerSentEvents.Parse(await (await _emulator.PostChatAsync(Stream)).Content.ReadAsStringAsync())[^1].Event);
    }

    [Fact]
    public async Task Json_validate_failed_is_a_400_with_the_failed_generation()
    {
        _emulator.Control.AddFault(new FaultRule { Kind = FaultKind.JsonValidateFailed });

        var (response, body) = await _emulator.PostChatJsonAsync(EmulatorScope.Chat(extra: "\"response_format\":{\"type\":\"json_object\"}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = body.GetProperty("error");
        Assert.Equal("json_validate_failed", error.GetProperty("code").GetString());
        Assert.Equal("Failed to generate JSON. Please adjust your prompt. See 'failed_generation' for more details.", error.GetProperty("message").GetString());
        Assert.StartsWith("{\"response\":", error.GetProperty("failed_generation").GetString(), StringComparison.Ordinal);
    }

    private static bool IsJson(string text)
    {
        try
        {
            JsonDocument.Parse(text).Dispose();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
