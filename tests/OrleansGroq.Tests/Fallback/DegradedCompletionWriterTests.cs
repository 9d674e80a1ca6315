using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using OrleansGroq.Grains.Fallback;

namespace OrleansGroq.Tests.Fallback;

public sealed class DegradedCompletionWriterTests
{
    private const string Model = "llama-3.1-8b-instant";
    private static readonly DateTimeOffset Now = new(2026, 2, 2, 12, 0, 0, TimeSpan.Zero);

    private static readonly LocalAnswer Sample = new(
        "Service degraded, please retry.",
        "all_attempts_failed",
        new Dictionary<string, IReadOnlyList<string>> { ["upi_ids"] = ["a@okaxis", "b@ybl"], ["emails"] = [] },
        0.3,
        Blocked: false,
        Repetition: true);

    [Fact]
    public void A_completion_has_the_openai_shape_and_zero_usage()
    {
        using var json = JsonDocument.Parse(WriteCompletion(Sample));
        var root = json.RootElement;

        Assert.Matches("^chatcmpl-local-[0-9a-f]{24}$", root.GetProperty("id").GetString());
        Assert.Equal("chat.completion", root.GetProperty("object").GetString());
        Assert.Equal(Now.ToUnixTimeSeconds(), root.GetProperty("created").GetInt64());
        Assert.Equal(Model, root.GetProperty("model").GetString());
        var choice = Assert.Single(root.GetProperty("choices").EnumerateArray());
        Assert.Equal(0, choice.GetProperty("index").GetInt32());
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal(Sample.Reply, choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        var usage = root.GetProperty("usage");
        Assert.All(["prompt_tokens", "completion_tokens", "total_tokens"], name => Assert.Equal(0, usage.GetProperty(name).GetInt32()));
    }

    [Fact]
    public void The_completion_is_marked_degraded_with_what_the_fallback_found()
    {
        using var json = JsonDocument.Parse(WriteCompletion(Sample));
        var marker = json.RootElement.GetProperty("x_orleansgroq");

        Assert.Equal("local", marker.GetProperty("degraded").GetString());
        Assert.Equal("all_attempts_failed", marker.GetProperty("reason").GetString());
        Assert.Equal(["a@okaxis", "b@ybl"], marker.GetProperty("extracted").GetProperty("upi_ids").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, marker.GetProperty("extracted").GetProperty("emails").GetArrayLength());
        Assert.Equal(0.3, marker.GetProperty("risk_score").GetDouble());
        Assert.False(marker.GetProperty("blocked").GetBoolean());
        Assert.True(marker.GetProperty("repetition").GetBoolean());
    }

    [Fact]
    public void Quotes_newlines_and_unicode_survive_the_round_trip()
    {
        const string reply = "He said \"retry\"\nline two\t\\ <b>&</b> é 日本 😀 \u0001";
        var answer = Sample with { Reply = reply, Extracted = new Dictionary<string, IReadOnlyList<string>> { ["na\"me"] = ["va\nlue"] } };

        var completion = WriteCompletion(answer);
        using var json = JsonDocument.Parse(completion);

        Assert.Equal(reply, json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("va\nlue", json.RootElement.GetProperty("x_orleansgroq").GetProperty("extracted").GetProperty("na\"me")[0].GetString());
        Assert.DoesNotContain('\n', completion);
    }

    [Fact]
    public void Every_response_gets_a_new_id()
    {
        using var first = JsonDocument.Parse(WriteCompletion(Sample));
        using var second = JsonDocument.Parse(WriteCompletion(Sample));

        Assert.NotEqual(first.RootElement.GetProperty("id").GetString(), second.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public void A_stream_is_two_chunks_then_done()
    {
        var events = SseEvents(WriteStream(Sample));

        Assert.Equal(3, events.Count);
        Assert.Equal("[DONE]", events[2]);
        using var first = JsonDocument.Parse(events[0]);
        using var last = JsonDocument.Parse(events[1]);
        foreach (var chunk in new[] { first.RootElement, last.RootElement })
        {
            Assert.Matches("^chatcmpl-local-[0-9a-f]{24}$", chunk.GetProperty("id").GetString());
            Assert.Equal("chat.completion.chunk", chunk.GetProperty("object").GetString());
            Assert.Equal(Now.ToUnixTimeSeconds(), chunk.GetProperty("created").GetInt64());
            Assert.Equal(Model, chunk.GetProperty("model").GetString());
            var choice = Assert.Single(chunk.GetProperty("choices").EnumerateArray());
            Assert.Equal(0, choice.GetProperty("index").GetInt32());
            Assert.Equal(JsonValueKind.Null, choice.GetProperty("logprobs").ValueKind);
        }

        Assert.Equal(first.RootElement.GetProperty("id").GetString(), last.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public void The_first_chunk_carries_the_reply_and_the_last_the_stop_and_the_marker()
    {
        var events = SseEvents(WriteStream(Sample with { Reply = "two\nlines \"quoted\"" }));
        using var first = JsonDocument.Parse(events[0]);
        using var last = JsonDocument.Parse(events[1]);

        var delta = first.RootElement.GetProperty("choices")[0].GetProperty("delta");
        Assert.Equal("assistant", delta.GetProperty("role").GetString());
        Assert.Equal("two\nlines \"quoted\"", delta.GetProperty("content").GetString());
        Assert.Equal(JsonValueKind.Null, first.RootElement.GetProperty("choices")[0].GetProperty("finish_reason").ValueKind);
        Assert.False(first.RootElement.TryGetProperty("x_orleansgroq", out _));

        var lastChoice = last.RootElement.GetProperty("choices")[0];
        Assert.Empty(lastChoice.GetProperty("delta").EnumerateObject());
        Assert.Equal("stop", lastChoice.GetProperty("finish_reason").GetString());
        Assert.Equal("local", last.RootElement.GetProperty("x_orleansgroq").GetProperty("degraded").GetString());
    }

    [Fact]
    public void The_stream_is_framed_as_server_sent_events()
    {
        var stream = WriteStream(Sample with { Reply = "a\nb\r\nc" });

        Assert.StartsWith("data: {", stream, StringComparison.Ordinal);
        Assert.EndsWith("}\n\ndata: [DONE]\n\n", stream, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', stream);
        Assert.All(stream.Split("\n\n", StringSplitOptions.RemoveEmptyEntries), e => Assert.DoesNotContain('\n', e));
    }

    private static List<string> SseEvents(string stream)
    {
        Assert.EndsWith("\n\n", stream, StringComparison.Ordinal);
        return stream.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e =>
            {
                Assert.StartsWith("data: ", e, StringComparison.Ordinal);
                return e["data: ".Length..];
            })
            .ToList();
    }

    private static string WriteCompletion(LocalAnswer answer)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Writer().WriteCompletion(buffer, answer, Model);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string WriteStream(LocalAnswer answer)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Writer().WriteStream(buffer, answer, Model);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static DegradedCompletionWriter Writer() => new(new FakeTimeProvider(Now));
}
