using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using OrleansGroq.Silo.Errors;
using OrleansGroq.Silo.Http;

namespace OrleansGroq.IntegrationTests.Streaming;

/// <summary>The SSE relay on scripted upstream bodies: exactly what the client receives, and how the stream is said to have ended.</summary>
public sealed class ResponseRelayTests
{
    private const string Role = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n";
    private const string Hello = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"},\"finish_reason\":null}]}\n\n";
    private const string Final = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"x_groq\":{\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":1,\"total_tokens\":10}}}\n\n";
    private const string Done = "data: [DONE]\n\n";
    private const string CutOff = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"";
    private const string UpstreamError = "event: error\ndata: {\"error\":{\"message\":\"The server had an error.\",\"type\":\"internal_server_error\",\"code\":\"internal_server_error\",\"status_code\":500}}\n\n";

    private static readonly string Malformed = Text(StreamErrors.UpstreamMalformed);
    private static readonly string Interrupted = Text(StreamErrors.UpstreamInterrupted);

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(100_000)]
    public async Task A_complete_stream_passes_byte_for_byte_however_the_reads_split_it(int pieceLength)
    {
        var body = Role + Hello + Final + Done;
        var observer = new ChunkCounter();

        var (end, relayed) = await RelayAsync(Pieces(body, pieceLength), observer: observer);

        Assert.Equal(SseEnd.Done, end);
        Assert.Equal(body, relayed);
        Assert.Equal(3, observer.Chunks);
    }

    [Fact]
    public async Task A_stream_with_crlf_line_ends_passes_and_its_done_is_recognised()
    {
        var body = (Role + Hello + Final + Done).Replace("\n", "\r\n", StringComparison.Ordinal);

        var (end, relayed) = await RelayAsync(Pieces(body, 5));

        Assert.Equal(SseEnd.Done, end);
        Assert.Equal(body[..^"data: [DONE]\r\n\r\n".Length] + Done, relayed);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(100_000)]
    public async Task A_malformed_chunk_ends_the_stream_with_a_typed_error_event_and_nothing_after_it(int pieceLength)
    {
        var (end, relayed) = await RelayAsync(Pieces(Role + Hello + CutOff + "\n\n" + Final + Done, pieceLength));

        Assert.Equal(SseEnd.Malformed, end);
        Assert.Equal(Role + Hello + Malformed, relayed);
    }

    [Theory]
    [InlineData("data: 5\n\n")]
    [InlineData("data: {\"id\":\"c1\"} trailing\n\n")]
    [InlineData("data: {\"id\":\"c1\",}\n\n")]
    [InlineData("data: \n\n")]
    public async Task A_chunk_that_is_not_one_json_object_is_malformed(string chunk)
    {
        var (end, relayed) = await RelayAsync([Encoding.UTF8.GetBytes(Role + chunk + Final + Done)]);

        Assert.Equal(SseEnd.Malformed, end);
        Assert.Equal(Role + Malformed, relayed);
    }

    [Fact]
    public async Task A_line_that_never_ends_is_malformed_once_it_outgrows_the_limit_and_none_of_it_is_relayed()
    {
        var endless = "data: {\"content\":\"" + new string('a', 5 * 1024 * 1024);

        var (end, relayed) = await RelayAsync(Pieces(Role + endless, 64 * 1024));

        Assert.Equal(SseEnd.Malformed, end);
        Assert.Equal(Role + Malformed, relayed);
    }

    [Fact]
    public async Task A_line_cut_off_by_the_end_of_the_body_never_reaches_the_client()
    {
        var (end, relayed) = await RelayAsync(Pieces(Role + Hello + CutOff, 16));

        Assert.Equal(SseEnd.Interrupted, end);
        Assert.Equal(Role + Hello + Interrupted, relayed);
    }

    [Fact]
    public async Task A_connection_lost_mid_line_ends_the_stream_with_the_interrupted_event()
    {
        var (end, relayed) = await RelayAsync(Pieces(Role + CutOff, 16), new IOException("connection reset"));

        Assert.Equal(SseEnd.Interrupted, end);
        Assert.Equal(Role + Interrupted, relayed);
    }

    [Fact]
    public async Task A_chunk_whose_blank_line_never_came_is_closed_before_the_error_event()
    {
        var (end, relayed) = await RelayAsync(Pieces(Role + Hello[..^1], 1000));

        Assert.Equal(SseEnd.Interrupted, end);
        Assert.Equal(Role + Hello + Interrupted, relayed);
    }

    [Fact]
    public async Task An_upstream_error_event_is_relayed_as_it_came_and_ends_the_stream()
    {
        var observer = new ChunkCounter();

        var (end, relayed) = await RelayAsync(Pieces(Role + UpstreamError + Final + Done, 9), observer: observer);

        Assert.Equal(SseEnd.UpstreamError, end);
        Assert.Equal(Role + UpstreamError, relayed);
        Assert.Equal(1, observer.Chunks);
    }

    [Fact]
    public async Task An_upstream_error_event_cut_before_its_blank_line_is_closed_and_ends_the_stream()
    {
        var (end, relayed) = await RelayAsync(Pieces(Role + UpstreamError[..^1], 1000));

        Assert.Equal(SseEnd.UpstreamError, end);
        Assert.Equal(Role + UpstreamError, relayed);
    }

    [Fact]
    public async Task A_held_done_is_sent_only_when_the_caller_ends_the_stream()
    {
        var context = NewContext();

        var end = await RelayAsync(context, Pieces(Role + Hello + Final + Done, 1000), holdDone: true);
        var beforeEnd = Body(context);
        await ResponseRelay.EndAsync(context, null, CancellationToken.None);

        Assert.Equal(SseEnd.Done, end);
        Assert.Equal(Role + Hello + Final, beforeEnd);
        Assert.Equal(Role + Hello + Final + Done, Body(context));
    }

    [Fact]
    public async Task A_held_done_can_be_replaced_by_an_error_event()
    {
        var context = NewContext();
        var notStored = StreamErrors.ReplyNotStored("conv_x", Abstractions.Conversations.TurnStatus.Conflict);

        await RelayAsync(context, Pieces(Role + Hello + Final + Done, 1000), holdDone: true);
        await ResponseRelay.EndAsync(context, notStored, CancellationToken.None);

        Assert.Equal(Role + Hello + Final + Text(notStored), Body(context));
        Assert.Contains("\"code\":\"conversation_conflict\",\"status_code\":409}}", Text(notStored), StringComparison.Ordinal);
    }

    [Fact]
    public void The_gateways_error_event_is_in_groqs_streaming_error_shape()
    {
        Assert.Equal(
            "event: error\ndata: {\"error\":{\"message\":\"The upstream sent a stream chunk that is not valid JSON, so the stream was ended there.\","
            + "\"type\":\"server_error\",\"param\":null,\"code\":\"upstream_stream_malformed\",\"status_code\":502}}\n\n",
            Malformed);
    }

    private static async Task<(SseEnd End, string Relayed)> RelayAsync(IEnumerable<byte[]> pieces, Exception? failAtEnd = null, ISseObserver? observer = null)
    {
        var context = NewContext();
        var end = await RelayAsync(context, pieces, failAtEnd, observer);
        return (end, Body(context));
    }

    private static async Task<SseEnd> RelayAsync(
        HttpContext context, IEnumerable<byte[]> pieces, Exception? failAtEnd = null, ISseObserver? observer = null, bool holdDone = false)
    {
        using var upstream = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new ScriptedStream(pieces, failAtEnd)) };
        return await ResponseRelay.RelayStreamAsync(context, upstream, TimeSpan.FromMinutes(1), CancellationToken.None, observer, holdDone);
    }

    private static DefaultHttpContext NewContext() => new() { Response = { Body = new MemoryStream() } };

    private static string Body(HttpContext context) => Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());

    private static string Text(SseErrorEvent error) => Encoding.UTF8.GetString(error.Bytes);

    private static IEnumerable<byte[]> Pieces(string body, int length) => Encoding.UTF8.GetBytes(body).Chunk(length);

    private sealed class ChunkCounter : ISseObserver
    {
        public int Chunks { get; private set; }

        public void OnData(ReadOnlySpan<byte> json) => Chunks++;
    }
}
