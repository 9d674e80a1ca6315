using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using OrleansGroq.Emulator.Accounts;
using OrleansGroq.Emulator.Completions;
using OrleansGroq.Emulator.Control;
using OrleansGroq.Emulator.Determinism;
using OrleansGroq.Emulator.Faults;
using OrleansGroq.Emulator.Http;
using OrleansGroq.Emulator.Limits;
using OrleansGroq.Emulator.Models;

namespace OrleansGroq.Emulator.Audio;

/// <summary>
/// <c>POST /openai/v1/audio/transcriptions</c> and <c>/translations</c>: multipart upload in,
/// deterministic words out (about 2.5 per second of audio), counted against RPM and RPD.
/// </summary>
internal sealed class TranscriptionsEndpoint(EmulatorRuntime runtime, bool translate)
{
    private const long MaxUploadBytes = 100L * 1024 * 1024;
    private const int HeadBytes = 64 * 1024;
    private const double WordsPerSecond = 2.5;
    private const int MaxWords = 4096;
    private const double SegmentSeconds = 30;

    public async Task HandleAsync(HttpContext context)
    {
        var key = BearerAuthentication.Authenticate(context.Request, runtime.Keys);
        if (key is null)
        {
            runtime.Stats.Unauthorized();
            await GroqErrorWriter.SendAsync(context.Response, GroqErrors.InvalidApiKey);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxUploadBytes + (1024 * 1024);
        }

        var modelName = "";
        try
        {
            if (!context.Request.HasFormContentType)
            {
                await Refuse(context, key, modelName, null, GroqErrors.Invalid("The request must be multipart/form-data."));
                return;
            }

            if (await ReadFormAsync(context) is not { } form)
            {
                // Counted even when the client gave up on its upload: the request reached the emulator all the same.
                if (context.RequestAborted.IsCancellationRequested)
                {
                    runtime.Stats.Record(key.Alias, modelName, RequestOutcome.Error);
                    return;
                }

                await Refuse(context, key, modelName, null, GroqErrors.Invalid("We could not parse the multipart body of your request."));
                return;
            }

            modelName = form["model"].ToString();
            var model = runtime.Catalog.Find(modelName);
            var buckets = model is null ? null : runtime.Limiter.For(key.Account, model);
            var problem = Validate(form, modelName, model, out var format);
            if (problem is not null)
            {
                await Refuse(context, key, modelName, buckets, problem);
                return;
            }

            var outcome = await ServeAsync(context, key, model!, buckets!, form.Files["file"]!, format, form["language"].ToString());
            runtime.Stats.Record(key.Alias, modelName, outcome);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            runtime.Stats.Record(key.Alias, modelName, RequestOutcome.Error);
        }
    }

    /// <summary>
    /// The form, or null when the multipart body is malformed (a boundary that does not match, headers over the limit)
    /// or cut short, by the client or its connection. A body over the size limit still ends in Kestrel's own 413.
    /// </summary>
    private static async Task<IFormCollection?> ReadFormAsync(HttpContext context)
    {
        try
        {
            return await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or (IOException and not BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }))
        {
            return null;
        }
    }

    private static GroqError? Validate(IFormCollection form, string modelName, ModelInfo? model, out TranscriptionFormat format)
    {
        format = TranscriptionFormat.Json;
        if (modelName.Length == 0)
        {
            return GroqErrors.Invalid("property 'model' is missing", "model");
        }

        if (model is null)
        {
            return GroqErrors.ModelNotFound(modelName);
        }

        if (!model.Audio)
        {
            return GroqErrors.Invalid($"The model `{model.Id}` does not support audio transcription.", "model");
        }

        if (form.Files["file"] is null)
        {
            return GroqErrors.Invalid("property 'file' is missing", "file");
        }

        switch (form["response_format"].ToString())
        {
            case "" or "json":
                return null;
            case "text":
                format = TranscriptionFormat.Text;
                return null;
            case "verbose_json":
                format = TranscriptionFormat.VerboseJson;
                return null;
            case "vtt" or "srt":
                return GroqErrors.Invalid($"response_format `{form["response_format"]}` is not supported", "response_format");
            default:
                return GroqErrors.Invalid("'response_format' : value is not one of the allowed values ['json', 'text', 'verbose_json']", "response_format");
        }
    }

    private async Task<RequestOutcome> ServeAsync(HttpContext context, ApiKey key, ModelInfo model, BucketSet buckets, IFormFile file, TranscriptionFormat format, string language)
    {
        var fault = runtime.Faults.Evaluate(key.Alias, model.Id, RequestKind.Transcription);
        if (await FaultResponses.ApplyBeforeResponseAsync(context, fault, model.Id, buckets, runtime.Time))
        {
            return RequestOutcome.Error;
        }

        var admission = buckets.TryAdmit(0, 0);
        RateLimitHeaders.Apply(context.Response.Headers, admission);
        if (!admission.IsAdmitted)
        {
            await GroqErrorWriter.SendAsync(context.Response, RateLimitErrors.For(admission, model.Id, key.Account.Id, ServiceTiers.OnDemand));
            return admission.Outcome == AdmissionOutcome.TooLarge ? RequestOutcome.TooLarge : RequestOutcome.RateLimited;
        }

        var (duration, hash) = await InspectAsync(file, context.RequestAborted);
        var words = new WordRun(StableHash.Append(hash, model.IdUtf8), (int)Math.Clamp(Math.Ceiling(duration * WordsPerSecond), 1, MaxWords), EndsSentence: true);
        var text = new byte[words.MaxBytes];
        var transcript = new Transcript(
            System.Text.Encoding.UTF8.GetString(text, 0, words.WriteTo(text)),
            duration,
            language.Length > 0 ? language : "english",
            RequestIds.NewRequestId(runtime.Time));

        if (runtime.PacerFor(model) is not null)
        {
            var work = model.QueueTime + model.TimeToFirstToken + TimeSpan.FromSeconds(duration / model.Options.Speed);
            await Task.Delay(work, runtime.Time, context.RequestAborted);
        }

        if (format == TranscriptionFormat.Text)
        {
            var body = new PooledBufferWriter();
            body.Write(System.Text.Encoding.UTF8.GetBytes(transcript.Text));
            await JsonResponse.SendAsync(context.Response, body, "text/plain; charset=utf-8");
        }
        else
        {
            await JsonResponse.SendAsync(context.Response, StatusCodes.Status200OK, (transcript, format, translate), static (writer, state) => Write(writer, state.transcript, state.format, state.translate));
        }

        return RequestOutcome.Served;
    }

    private static async Task<(double Seconds, ulong Hash)> InspectAsync(IFormFile file, CancellationToken cancellationToken)
    {
        var head = ArrayPool<byte>.Shared.Rent(HeadBytes);
        try
        {
            await using var stream = file.OpenReadStream();
            var read = await stream.ReadAtLeastAsync(head.AsMemory(0, HeadBytes), HeadBytes, throwOnEndOfStream: false, cancellationToken);
            var hash = StableHash.Append(StableHash.Of(head.AsSpan(0, read)), (ulong)file.Length);
            return (AudioDuration.Seconds(head.AsSpan(0, read), file.Length), hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(head);
        }
    }

    private static void Write(Utf8JsonWriter writer, Transcript transcript, TranscriptionFormat format, bool translate)
    {
        writer.WriteStartObject();
        if (format == TranscriptionFormat.VerboseJson)
        {
            writer.WriteString("task"u8, translate ? "translate"u8 : "transcribe"u8);
            writer.WriteString("language"u8, translate ? "english" : transcript.Language);
            writer.WriteNumber("duration"u8, transcript.Duration);
            writer.WriteString("text"u8, transcript.Text);
            WriteSegments(writer, transcript);
        }
        else
        {
            writer.WriteString("text"u8, transcript.Text);
        }

        writer.WriteStartObject("x_groq"u8);
        writer.WriteString("id"u8, transcript.RequestId);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    // Whisper decodes 30-second windows; the emulator cuts its words the same way.
    private static void WriteSegments(Utf8JsonWriter writer, Transcript transcript)
    {
        var words = transcript.Text.Split(' ');
        var segments = Math.Max(1, (int)Math.Ceiling(transcript.Duration / SegmentSeconds));
        var perSegment = (int)Math.Ceiling(words.Length / (double)segments);
        writer.WriteStartArray("segments"u8);
        for (var i = 0; i < segments; i++)
        {
            var start = i * SegmentSeconds;
            var end = Math.Min(transcript.Duration, start + SegmentSeconds);
            var chunk = words.Skip(i * perSegment).Take(perSegment);
            writer.WriteStartObject();
            writer.WriteNumber("id"u8, i);
            writer.WriteNumber("seek"u8, (int)(start * 100));
            writer.WriteNumber("start"u8, start);
            writer.WriteNumber("end"u8, end);
            writer.WriteString("text"u8, " " + string.Join(' ', chunk));
            writer.WriteStartArray("tokens"u8);
            writer.WriteEndArray();
            writer.WriteNumber("temperature"u8, 0);
            writer.WriteNumber("avg_logprob"u8, -0.2);
            writer.WriteNumber("compression_ratio"u8, 1.3);
            writer.WriteNumber("no_speech_prob"u8, 0.01);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private async Task Refuse(HttpContext context, ApiKey key, string modelName, BucketSet? buckets, GroqError error)
    {
        if (buckets is not null)
        {
            RateLimitHeaders.Apply(context.Response.Headers, buckets.Snapshot());
        }

        runtime.Stats.Record(key.Alias, modelName, RequestOutcome.Error);
        await GroqErrorWriter.SendAsync(context.Response, error);
    }

    private sealed record Transcript(string Text, double Duration, string Language, string RequestId);
}
