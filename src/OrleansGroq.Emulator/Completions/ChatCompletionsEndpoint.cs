using OrleansGroq.Emulator.Accounts;
using OrleansGroq.Emulator.Control;
using OrleansGroq.Emulator.Faults;
using OrleansGroq.Emulator.Http;
using OrleansGroq.Emulator.Limits;
using OrleansGroq.Emulator.Streaming;

namespace OrleansGroq.Emulator.Completions;

/// <summary>
/// <c>POST /openai/v1/chat/completions</c>: authenticate, parse and validate, let a fault strike,
/// admit against the rate limits, then answer in one piece or as a stream.
/// </summary>
internal sealed class ChatCompletionsEndpoint(EmulatorRuntime runtime)
{
    public async Task HandleAsync(HttpContext context)
    {
        var key = BearerAuthentication.Authenticate(context.Request, runtime.Keys);
        if (key is null)
        {
            runtime.Stats.Unauthorized();
            await GroqErrorWriter.SendAsync(context.Response, GroqErrors.InvalidApiKey);
            return;
        }

        ChatParseResult parsed;
        using (var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted))
        {
            parsed = ChatRequestParser.Parse(body.Span, runtime.Catalog);
        }

        runtime.Stats.Arrived(key.Alias, parsed.ModelName);

        var buckets = parsed.Model is { } model ? runtime.Limiter.For(key.Account, model) : null;
        var error = parsed.Error ?? ChatRequestValidator.Validate(parsed.Request!);
        if (error is not null)
        {
            if (buckets is not null)
            {
                RateLimitHeaders.Apply(context.Response.Headers, buckets.Snapshot());
            }

            runtime.Stats.Settled(key.Alias, parsed.ModelName, RequestOutcome.Error);
            await GroqErrorWriter.SendAsync(context.Response, error);
            return;
        }

        try
        {
            var outcome = await ServeAsync(context, key, parsed.Request!, buckets!);
            runtime.Stats.Settled(key.Alias, parsed.ModelName, outcome.Outcome, outcome.Usage.PromptTokens, outcome.Usage.CompletionTokens, outcome.Usage.CachedTokens ?? 0);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            runtime.Stats.Settled(key.Alias, parsed.ModelName, RequestOutcome.Error);
        }
    }

    private async Task<(RequestOutcome Outcome, Usage Usage)> ServeAsync(HttpContext context, ApiKey key, ChatRequest request, BucketSet buckets)
    {
        var model = request.Model;
        var fault = runtime.Faults.Evaluate(key.Alias, model.Id, request.Stream ? RequestKind.ChatStream : RequestKind.Chat);
        if (await FaultResponses.ApplyBeforeResponseAsync(context, fault, model.Id, buckets, runtime.Time))
        {
            return (RequestOutcome.Error, default);
        }

        var account = key.Account.Id;
        var cached = model.PromptCaching ? runtime.PromptCache.Lookup(account, model.Id, request.Prefixes) : 0;
        var uncached = request.PromptTokens - cached;
        var completion = runtime.Generator.Generate(request);
        var admission = buckets.TryAdmit(uncached + (request.MaxTokens ?? 0), uncached + completion.CompletionTokens);
        RateLimitHeaders.Apply(context.Response.Headers, admission);
        if (!admission.IsAdmitted)
        {
            await GroqErrorWriter.SendAsync(context.Response, RateLimitErrors.For(admission, model.Id, account, request.ServiceTier));
            return (admission.Outcome == AdmissionOutcome.TooLarge ? RequestOutcome.TooLarge : RequestOutcome.RateLimited, default);
        }

        if (model.PromptCaching)
        {
            runtime.PromptCache.Store(account, model.Id, request.Prefixes);
        }

        var usage = Usage.For(request, completion, cached);
        if (completion.FailedGeneration is not null || fault?.Kind == FaultKind.JsonValidateFailed)
        {
            var failed = completion.FailedGeneration ?? completion.Json ?? "{\"response\": \"";
            await GroqErrorWriter.SendAsync(context.Response, GroqErrors.JsonValidateFailed(failed));
            return (RequestOutcome.Error, usage);
        }

        var response = new ChatResponse(
            RequestIds.NewCompletionId(),
            runtime.Time.GetUtcNow().ToUnixTimeSeconds(),
            model,
            RequestIds.NewRequestId(runtime.Time),
            request.Seed ?? (long)(request.ContentHash & int.MaxValue),
            request.ServiceTier,
            completion,
            usage);
        var pacer = runtime.PacerFor(model);
        if (request.Stream)
        {
            var writer = new ChatStreamWriter(context, response, request.IncludeUsage, fault, pacer, runtime.Time);
            var complete = await writer.WriteAsync(context.RequestAborted);
            return (complete ? RequestOutcome.Served : RequestOutcome.Error, usage);
        }

        if (pacer is not null)
        {
            await Task.Delay(pacer.WholeResponse(completion.CompletionTokens), runtime.Time, context.RequestAborted);
        }

        await JsonResponse.SendAsync(context.Response, StatusCodes.Status200OK, response, ChatResponseWriter.Write);
        return (RequestOutcome.Served, usage);
    }
}
