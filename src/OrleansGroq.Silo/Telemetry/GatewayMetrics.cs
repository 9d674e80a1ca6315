using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OrleansGroq.Silo.Telemetry;

/// <summary>
/// The gateway's instruments, on the <c>OrleansGroq</c> meter. The GenAI ones follow OpenTelemetry's semantic
/// conventions and are fed by every LLM attempt's record; the others count what the gateway itself does. Labels are
/// aliases, accounts, model ids, configured tenant names and fixed words: never a secret, a client token or text a
/// client wrote. A request's measurements are taken from its record once it has been answered, so that they add nothing
/// to the time the client waits (<see cref="OnRequest"/>).
/// </summary>
public sealed class GatewayMetrics
{
    // OpenTelemetry's advised bucket boundaries for these GenAI instruments.
    private static readonly double[] DurationBuckets = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];
    private static readonly double[] FirstTokenBuckets = [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0];
    private static readonly long[] TokenBuckets = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];

    // The gateway's own time is sub-millisecond when all is well: buckets from 50 µs.
    private static readonly double[] OwnTimeBuckets = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

    private readonly Histogram<long> _tokenUsage;
    private readonly Histogram<double> _operationDuration;
    private readonly Histogram<double> _timeToFirstToken;
    private readonly Counter<long> _attempts;
    private readonly Counter<long> _upstreamRateLimited;
    private readonly Counter<long> _clientRateLimited;
    private readonly Counter<long> _cooldowns;
    private readonly Counter<long> _disabledKeys;
    private readonly Histogram<double> _admissionWait;
    private readonly Counter<long> _admissionRefusals;
    private readonly Counter<long> _cacheLookups;
    private readonly Counter<long> _cascadeSteps;
    private readonly Counter<long> _degraded;
    private readonly Histogram<double> _ownTime;
    private readonly Counter<long> _turns;

    public GatewayMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(GatewayTelemetry.Name);
        Meter = meter;
        _tokenUsage = meter.CreateHistogram("gen_ai.client.token.usage", "{token}", "Tokens used per LLM attempt, by gen_ai.token.type.",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = TokenBuckets });
        _operationDuration = meter.CreateHistogram("gen_ai.client.operation.duration", "s", "Duration of each LLM attempt, to its last byte.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _timeToFirstToken = meter.CreateHistogram("gen_ai.server.time_to_first_token", "s", "Time to the first chunk of a streamed answer.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = FirstTokenBuckets });
        _attempts = meter.CreateCounter<long>("orleansgroq.upstream.attempts", "{attempt}", "LLM attempts (cascade steps), by outcome.");
        _upstreamRateLimited = meter.CreateCounter<long>("orleansgroq.upstream.rate_limited", "{response}", "429s received from the upstream, by key and limit.");
        _clientRateLimited = meter.CreateCounter<long>("orleansgroq.client.rate_limited", "{response}", "429s the gateway answered its clients.");
        _cooldowns = meter.CreateCounter<long>("orleansgroq.key.cooldowns", "{cooldown}", "Keys put to cool down by an upstream answer, by reason.");
        _disabledKeys = meter.CreateCounter<long>("orleansgroq.key.disabled", "{key}", "Keys disabled by an upstream 401.");
        _admissionWait = meter.CreateHistogram("orleansgroq.admission.wait", "s", "Time a request waited for its tenant's budget before it was admitted.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _admissionRefusals = meter.CreateCounter<long>("orleansgroq.admission.refusals", "{request}", "Requests refused admission, by reason.");
        _cacheLookups = meter.CreateCounter<long>("orleansgroq.cache.lookups", "{request}", "Response cache lookups, by result (hit or miss).");
        _cascadeSteps = meter.CreateCounter<long>("orleansgroq.cascade.steps", "{step}", "Cascade steps taken: primary, or a fallback after a failed step, by outcome.");
        _degraded = meter.CreateCounter<long>("orleansgroq.degraded", "{answer}", "Answers from local logic in the model's place, by cause.");
        _ownTime = meter.CreateHistogram("orleansgroq.request.own_duration", "s", "The gateway's own time per request: its duration less the time spent waiting on the upstream.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = OwnTimeBuckets });
        _turns = meter.CreateCounter<long>("orleansgroq.conversation.turns", "{turn}", "Conversation turns, by status code.");
    }

    /// <summary>The gateway's meter, which observable instruments (key state, quota) are added to.</summary>
    public Meter Meter { get; }

    private void RecordAttempt(UpstreamAttemptRecord attempt, bool fallback)
    {
        var tags = new TagList
        {
            { "gen_ai.operation.name", "chat" },
            { "gen_ai.provider.name", attempt.Provider },
            { "gen_ai.request.model", attempt.RequestModel },
        };
        if (attempt.ResponseModel is { } responseModel)
        {
            tags.Add("gen_ai.response.model", responseModel);
        }

        if (attempt.Usage is { } usage && _tokenUsage.Enabled)
        {
            RecordTokens(usage.PromptTokens, "input", tags);
            RecordTokens(usage.CompletionTokens, "output", tags);
            RecordTokens(usage.CachedTokens, "cached_input", tags);
        }

        if (attempt.TimeToFirstToken is { } firstToken)
        {
            _timeToFirstToken.Record(firstToken.TotalSeconds, tags);
        }

        if (attempt.Outcome != AttemptOutcomes.Ok)
        {
            tags.Add("error.type", attempt.Outcome);
        }

        _operationDuration.Record(attempt.Duration.TotalSeconds, tags);
        _attempts.Add(1, new TagList
        {
            { "gen_ai.provider.name", attempt.Provider },
            { "gen_ai.request.model", attempt.RequestModel },
            { "orleansgroq.key", attempt.KeyAlias },
            { "orleansgroq.outcome", attempt.Outcome },
        });
        _cascadeSteps.Add(1, new TagList
        {
            { "orleansgroq.step", fallback ? "fallback" : "primary" },
            { "gen_ai.provider.name", attempt.Provider },
            { "gen_ai.request.model", attempt.RequestModel },
            { "orleansgroq.outcome", attempt.Outcome },
        });
    }

    public void UpstreamRateLimited(string key, string account, string? model, string limit) =>
        _upstreamRateLimited.Add(1, new TagList { { "orleansgroq.key", key }, { "orleansgroq.account", account }, { "gen_ai.request.model", model }, { "orleansgroq.limit", limit } });

    public void KeyCooledDown(string key, string account, string reason) =>
        _cooldowns.Add(1, new TagList { { "orleansgroq.key", key }, { "orleansgroq.account", account }, { "orleansgroq.reason", reason } });

    public void KeyDisabled(string key, string account) =>
        _disabledKeys.Add(1, new TagList { { "orleansgroq.key", key }, { "orleansgroq.account", account } });

    public void AdmissionWaited(string tenant, TimeSpan wait) =>
        _admissionWait.Record(wait.TotalSeconds, new KeyValuePair<string, object?>("orleansgroq.tenant", tenant));

    public void AdmissionRefused(string tenant, string reason) =>
        _admissionRefusals.Add(1, new TagList { { "orleansgroq.tenant", tenant }, { "orleansgroq.reason", reason } });

    /// <summary>Records what a finished request did, its LLM attempts included, from its record.</summary>
    /// <param name="request">The request's record.</param>
    /// <param name="route">The route it took; a fixed word when none matched, so that made-up paths make no series.</param>
    /// <param name="cacheResult">The response cache's <c>hit</c> or <c>miss</c>, when it was asked.</param>
    public void OnRequest(RequestRecord request, string route, string? cacheResult)
    {
        for (var i = 0; i < request.Cascade.Count; i++)
        {
            // A step after a failed one is the cascade's fallback (an extraction makes several calls, each a cascade).
            RecordAttempt(request.Cascade[i], fallback: i > 0 && request.Cascade[i - 1].Outcome != AttemptOutcomes.Ok);
        }

        var routeTag = new KeyValuePair<string, object?>("http.route", route);
        _ownTime.Record(request.Own.TotalSeconds, routeTag, new KeyValuePair<string, object?>("http.response.status_code", request.Status));
        if (request.Status == StatusCodes.Status429TooManyRequests)
        {
            _clientRateLimited.Add(1, routeTag, new KeyValuePair<string, object?>("orleansgroq.tenant", request.Tenant));
        }

        if (cacheResult is not null)
        {
            _cacheLookups.Add(1, new KeyValuePair<string, object?>("orleansgroq.cache.result", cacheResult));
        }

        if (request.DegradedCause is { } cause)
        {
            _degraded.Add(1, routeTag, new KeyValuePair<string, object?>("orleansgroq.degraded.cause", cause));
        }

        if (request.ConversationId is not null)
        {
            _turns.Add(1, new KeyValuePair<string, object?>("http.response.status_code", request.Status));
        }
    }

    private void RecordTokens(long tokens, string type, TagList tags)
    {
        tags.Add("gen_ai.token.type", type);
        _tokenUsage.Record(tokens, tags);
    }
}
