using System.Collections.Concurrent;
using System.Text.Json;
using OrleansGroq.Emulator.Completions;
using OrleansGroq.Emulator.Files;
using OrleansGroq.Emulator.Http;

namespace OrleansGroq.Emulator.Batches;

/// <summary>
/// Runs a batch as Groq does, in the background: validates the input (one bad line fails the batch), runs each line
/// as a chat completion at the pace of the emulator's time profile, and writes the output and error files. Batch
/// lines are outside the organization's rate limits and the chat statistics, as Groq's are outside its standard limits.
/// A cancel stops the lines not yet started; lines still waiting when the completion window closes end as
/// <c>batch_expired</c> in the error file.
/// </summary>
internal sealed class BatchRunner(EmulatorRuntime runtime)
{
    /// <summary>Lines of one batch run at once.</summary>
    private const int Parallelism = 16;

    public async Task RunAsync(BatchJob job)
    {
        var time = runtime.Time;
        var input = runtime.Files.Find(job.AccountId, job.InputFileId);
        var (lines, errors) = input is null
            ? ([], [new BatchLineError("file_not_found", "The input file was deleted before the batch started.", "input_file_id", 0)])
            : BatchInputReader.Read(input.Content, job.Endpoint);
        if (errors.Count > 0)
        {
            job.Reject(errors, time.GetUtcNow());
            return;
        }

        var outputs = new ConcurrentQueue<byte[]>();
        var failures = new ConcurrentQueue<byte[]>();
        var expired = false;
        if (job.Start(lines.Count, time.GetUtcNow()))
        {
            try
            {
                await Parallel.ForEachAsync(lines, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = job.Cancellation.Token }, async (line, cancellationToken) =>
                {
                    if (time.GetUtcNow() >= job.ExpiresAt)
                    {
                        expired = true;
                        failures.Enqueue(ExpiredLine(line));
                        return;
                    }

                    var (succeeded, result) = await RunLineAsync(line, cancellationToken);
                    (succeeded ? outputs : failures).Enqueue(result);
                    job.Count(succeeded);
                });
            }
            catch (OperationCanceledException) when (job.Cancellation.IsCancellationRequested)
            {
                // Cancelled: what ran is kept, the rest never starts.
            }
        }

        job.Finalizing(time.GetUtcNow());
        var output = WriteFile(job, outputs, "output");
        var error = WriteFile(job, failures, "error");
        job.Finish(output, error, expired, time.GetUtcNow());
    }

    private async Task<(bool Succeeded, byte[] Line)> RunLineAsync(BatchLine line, CancellationToken cancellationToken)
    {
        var parsed = ChatRequestParser.Parse(line.Body, runtime.Catalog);
        var requestId = RequestIds.NewRequestId(runtime.Time);
        if ((parsed.Error ?? ChatRequestValidator.Validate(parsed.Request!)) is { } error)
        {
            return (false, ResultLine(line.CustomId, error.Status, requestId, writer => GroqErrorWriter.Write(writer, error, includeStatus: false)));
        }

        var request = parsed.Request!;
        var completion = runtime.Generator.Generate(request);
        var response = new ChatResponse(
            RequestIds.NewCompletionId(),
            runtime.Time.GetUtcNow().ToUnixTimeSeconds(),
            request.Model,
            requestId,
            request.Seed ?? (long)(request.ContentHash & int.MaxValue),
            request.ServiceTier,
            completion,
            Usage.For(request, completion, 0));
        if (runtime.PacerFor(request.Model) is { } pacer)
        {
            await Task.Delay(pacer.WholeResponse(completion.CompletionTokens), runtime.Time, cancellationToken);
        }

        return (true, ResultLine(line.CustomId, StatusCodes.Status200OK, requestId, writer => ChatResponseWriter.Write(writer, response)));
    }

    /// <summary><c>{"id":"batch_req_…","custom_id","response":{"status_code","request_id","body"},"error":null}</c></summary>
    private byte[] ResultLine(string customId, int status, string requestId, Action<Utf8JsonWriter> body) => Line(writer =>
    {
        writer.WriteString("id", RequestIds.NewId("batch_req_", runtime.Time));
        writer.WriteString("custom_id", customId);
        writer.WriteStartObject("response");
        writer.WriteNumber("status_code", status);
        writer.WriteString("request_id", requestId);
        writer.WritePropertyName("body");
        body(writer);
        writer.WriteEndObject();
        writer.WriteNull("error");
    });

    /// <summary>A line the window closed on: no response, and the reason in <c>error</c>.</summary>
    private byte[] ExpiredLine(BatchLine line) => Line(writer =>
    {
        writer.WriteString("id", RequestIds.NewId("batch_req_", runtime.Time));
        writer.WriteString("custom_id", line.CustomId);
        writer.WriteNull("response");
        writer.WriteStartObject("error");
        writer.WriteString("code", "batch_expired");
        writer.WriteString("message", "This request could not be executed before the completion window expired.");
        writer.WriteEndObject();
    });

    private static byte[] Line(Action<Utf8JsonWriter> write)
    {
        using var buffer = new PooledBufferWriter();
        var writer = JsonWriting.Acquire(buffer);
        try
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }
        finally
        {
            JsonWriting.Release(writer);
        }

        return [.. buffer.WrittenMemory.Span, (byte)'\n'];
    }

    private string? WriteFile(BatchJob job, ConcurrentQueue<byte[]> lines, string kind)
    {
        if (lines.IsEmpty)
        {
            return null;
        }

        var content = new byte[lines.Sum(l => l.Length)];
        var offset = 0;
        foreach (var line in lines)
        {
            line.CopyTo(content, offset);
            offset += line.Length;
        }

        return runtime.Files.Add(job.AccountId, $"{job.Id}_{kind}.jsonl", "batch_output", content).Id;
    }
}
