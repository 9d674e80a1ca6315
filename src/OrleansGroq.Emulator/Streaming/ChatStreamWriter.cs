using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Text.Json;
using OrleansGroq.Emulator.Completions;
using OrleansGroq.Emulator.Http;
using OrleansGroq.Emulator.Timing;

namespace OrleansGroq.Emulator.Streaming;

/// <summary>
/// Streams a completion as Groq's SSE: a role chunk, one chunk per token (reasoning first), the
/// final chunk with usage, the optional usage-only chunk, then <c>[DONE]</c>. Chunks go straight
/// into the response pipe; it is flushed before every wait and every 16 KB, not per chunk.
/// </summary>
internal sealed class ChatStreamWriter(HttpContext context, ChatResponse response, bool includeUsage, FaultRule? fault, Pacer? pacer, TimeProvider time)
{
    private const int FlushThreshold = 16 * 1024;
    private const int JsonCharsPerChunk = TokenEstimator.BytesPerToken;
    private static readonly TimeSpan TransportDrain = TimeSpan.FromMilliseconds(50);

    private readonly PipeWriter _body = context.Response.BodyWriter;
    private readonly Utf8JsonWriter _json = new(context.Response.BodyWriter, JsonWriting.Options);
    private readonly byte[] _token = new byte[WordRun.MaxTokenBytes];
    private readonly int _faultAfter = fault?.AfterChunks ?? 1;
    private long _unflushed;
    private int _sent;

    // Only these kinds strike mid-stream; the others (latency, status codes) acted before the response began.
    private bool _faultDone = fault?.Kind is not (FaultKind.StallMidStream or FaultKind.ResetMidStream or FaultKind.MalformedChunk or FaultKind.ErrorEvent);

    /// <summary>Sends the whole stream; false when a fault cut it short.</summary>
    public async Task<bool> WriteAsync(CancellationToken cancellationToken)
    {
        var http = context.Response;
        http.StatusCode = StatusCodes.Status200OK;
        http.ContentType = "text/event-stream";
        http.Headers.CacheControl = "no-cache";
        if (pacer is not null)
        {
            await pacer.BeforeFirstByteAsync(cancellationToken);
        }

        var completion = response.Completion;
        if (!await BeforeChunkAsync(null, cancellationToken))
        {
            return false;
        }

        WriteChunk(ChunkKind.Role, default);
        var tokenIndex = 0;
        if (completion.ToolCall is not null)
        {
            if (!await BeforeChunkAsync(null, cancellationToken))
            {
                return false;
            }

            WriteChunk(ChunkKind.ToolCall, default);
        }
        else
        {
            if (completion.ShowsReasoning)
            {
                var raw = completion.ReasoningFormat == ReasoningFormat.Raw;
                if (raw && !await DeltaAsync(ChunkKind.Content, ContentText.ThinkOpen, null, cancellationToken))
                {
                    return false;
                }

                var reasoning = completion.Reasoning.Start();
                while (reasoning.TryWriteNext(_token, out var length))
                {
                    if (!await DeltaAsync(raw ? ChunkKind.Content : ChunkKind.Reasoning, _token.AsMemory(0, length), tokenIndex++, cancellationToken))
                    {
                        return false;
                    }
                }

                if (raw && !await DeltaAsync(ChunkKind.Content, ContentText.ThinkClose, null, cancellationToken))
                {
                    return false;
                }
            }

            if (!(completion.Json is { } json
                ? await StreamJsonAsync(json, tokenIndex, cancellationToken)
                : await StreamWordsAsync(completion.Content, tokenIndex, cancellationToken)))
            {
                return false;
            }
        }

        if (!await BeforeChunkAsync(null, cancellationToken))
        {
            return false;
        }

        WriteChunk(ChunkKind.Final, default);
        if (includeUsage)
        {
            if (!await BeforeChunkAsync(null, cancellationToken))
            {
                return false;
            }

            WriteChunk(ChunkKind.Usage, default);
        }

        if (!await BeforeChunkAsync(null, cancellationToken))
        {
            return false;
        }

        _body.Write("data: [DONE]\n\n"u8);
        await _body.FlushAsync(cancellationToken);
        return true;
    }

    private async Task<bool> StreamWordsAsync(WordRun words, int tokenIndex, CancellationToken cancellationToken)
    {
        var cursor = words.Start();
        while (cursor.TryWriteNext(_token, out var length))
        {
            if (!await DeltaAsync(ChunkKind.Content, _token.AsMemory(0, length), tokenIndex++, cancellationToken))
            {
                return false;
            }
        }

        return true;
    }

    private async Task<bool> StreamJsonAsync(string json, int tokenIndex, CancellationToken cancellationToken)
    {
        for (var start = 0; start < json.Length;)
        {
            var end = Math.Min(json.Length, start + JsonCharsPerChunk);
            if (end < json.Length && char.IsHighSurrogate(json[end - 1]))
            {
                end++;
            }

            if (!await BeforeChunkAsync(tokenIndex++, cancellationToken))
            {
                return false;
            }

            WriteTextChunk(json.AsMemory(start, end - start));
            start = end;
        }

        return true;
    }

    private async ValueTask<bool> DeltaAsync(ChunkKind kind, ReadOnlyMemory<byte> text, int? tokenIndex, CancellationToken cancellationToken)
    {
        if (!await BeforeChunkAsync(tokenIndex, cancellationToken))
        {
            return false;
        }

        WriteChunk(kind, text);
        return true;
    }

    /// <summary>Strikes the fault when its chunk count is reached, paces tokens, flushes; false ends the stream.</summary>
    private async ValueTask<bool> BeforeChunkAsync(int? tokenIndex, CancellationToken cancellationToken)
    {
        if (!_faultDone && _sent >= _faultAfter)
        {
            _faultDone = true;
            if (!await StrikeAsync(fault!, cancellationToken))
            {
                return false;
            }
        }

        var wait = tokenIndex is { } index && pacer is not null ? pacer.BeforeToken(index) : TimeSpan.Zero;
        if (wait > TimeSpan.Zero)
        {
            await FlushAsync(cancellationToken);
            await Task.Delay(wait, time, cancellationToken);
        }
        else if (_unflushed >= FlushThreshold)
        {
            await FlushAsync(cancellationToken);
        }

        return true;
    }

    private async ValueTask<bool> StrikeAsync(FaultRule rule, CancellationToken cancellationToken)
    {
        switch (rule.Kind)
        {
            case FaultKind.StallMidStream:
                await FlushAsync(cancellationToken);
                await Task.Delay(rule.DelayMs is { } ms ? TimeSpan.FromMilliseconds(ms) : Timeout.InfiniteTimeSpan, time, cancellationToken);
                return true;
            case FaultKind.ResetMidStream:
                await FlushAsync(cancellationToken);

                // A flush hands bytes to the transport, not to the socket: aborting at once drops
                // the chunks already "sent". The drain is transport time, so it runs on the real clock.
                await Task.Delay(TransportDrain, TimeProvider.System, cancellationToken);
                context.Abort();
                return false;
            case FaultKind.MalformedChunk:
                WriteMalformedChunk();
                return true;
            case FaultKind.ErrorEvent:
                WriteErrorEvent();
                await FlushAsync(cancellationToken);
                return false;
            default:
                throw new UnreachableException($"The fault {rule.Kind} does not strike mid-stream.");
        }
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        _unflushed = 0;
        await _body.FlushAsync(cancellationToken);
    }

    private void WriteChunk(ChunkKind kind, ReadOnlyMemory<byte> text)
    {
        BeginChunk();
        ChunkWriter.Write(_json, response, kind, text.Span);
        EndChunk();
    }

    private void WriteTextChunk(ReadOnlyMemory<char> text)
    {
        BeginChunk();
        ChunkWriter.WriteText(_json, response, text.Span);
        EndChunk();
    }

    private void WriteMalformedChunk()
    {
        BeginChunk();
        _json.WriteStartObject();
        _json.WriteString("id"u8, response.Id);
        _json.WriteString("object"u8, "chat.completion.chunk"u8);
        _json.Flush();
        _body.Write("\"choices\":[{\"index\":0,\"delta\":{\"content\":\""u8);
        EndChunk();
    }

    private void WriteErrorEvent()
    {
        _body.Write("event: error\ndata: "u8);
        _json.Reset(_body);
        GroqErrorWriter.Write(_json, GroqErrors.StreamError, includeStatus: true);
        _json.Flush();
        _body.Write("\n\n"u8);
    }

    private void BeginChunk()
    {
        _body.Write("data: "u8);
        _json.Reset(_body);
    }

    private void EndChunk()
    {
        _json.Flush();
        _body.Write("\n\n"u8);
        _unflushed += _json.BytesCommitted + 8;
        _sent++;
    }
}
