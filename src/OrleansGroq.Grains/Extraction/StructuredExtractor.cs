using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Grains.Fallback;
using OrleansGroq.Grains.Quota;
using OrleansGroq.Grains.Routing;
using OrleansGroq.Grains.Upstream;

namespace OrleansGroq.Grains.Extraction;

/// <summary>
/// Structured extraction along the failure matrix's schema row (ARCHITECTURE.md §5): the full prompt with the schema
/// (strict where the model supports it); on <c>json_validate_failed</c> up to three retries with a simplified prompt;
/// then once on a strict-capable model if the first was not one; then the lenient parser over whatever the models
/// said (answers and failed generations), completed by regex extraction and flagged as partial.
/// </summary>
public sealed partial class StructuredExtractor(
    UpstreamForwarder forwarder,
    ModelCatalog catalog,
    IOptions<RoutingOptions> routing,
    PatternExtractor patterns,
    QuotaTokenEstimator estimator,
    ILogger<StructuredExtractor> logger)
{
    public const int MaxValidationRetries = 3;

    public async Task<ExtractionResult> ExtractAsync(ExtractionRequest request, string affinity, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var said = new List<string>();
        var calls = 0;
        var retries = 0;
        var model = request.Model;
        var kind = ExtractionPromptKind.Full;
        while (true)
        {
            calls++;
            var (answer, validateFailed) = await AskAsync(request, model, kind, affinity, maxWait, cancellationToken);
            if (answer is not null)
            {
                said.Add(answer);

                // A generation Groq refused is kept for the last resort, not taken: the retries may still do better.
                if (!validateFailed && LenientJson.TryParse(answer, out var parsed) && JsonSchemaValidator.IsValid(request.Schema, parsed))
                {
                    return Complete(request, parsed, answer, model, calls, retries);
                }
            }

            if (validateFailed && retries < MaxValidationRetries)
            {
                retries++;
                kind = ExtractionPromptKind.Simplified;
                continue;
            }

            if (!model.Capabilities.HasFlag(ModelCapabilities.StrictJson) && StrictModel() is { } strict)
            {
                (model, kind) = (strict, ExtractionPromptKind.Full);
                continue;
            }

            return Salvage(request, said, model, calls, retries);
        }
    }

    private async Task<(string? Answer, bool ValidateFailed)> AskAsync(
        ExtractionRequest request, ModelSpec model, ExtractionPromptKind kind, string affinity, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var prepared = request.Schema;
        var strict = model.Capabilities.HasFlag(ModelCapabilities.StrictJson) && StrictSchema.TryPrepare(request.Schema, out prepared, out _);
        var body = ExtractionPrompts.BuildRequestBody(model.Id, request.Text, strict ? prepared : request.Schema, kind, strict, request.Instructions);
        var promptTokens = (body.Length + 3) / 4;
        var demand = new QuotaDemand(estimator.Reserve(promptTokens, null), QuotaPriority.Interactive, maxWait);
        var result = await forwarder.ForwardChatAsync(model.Id, body, stream: false, affinity, cancellationToken, demand: demand);
        using var response = result.Response;
        if (response is null)
        {
            return (null, false);
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return (ModelAnswers.Content(bytes), false);
        }

        var error = UpstreamErrors.Parse(bytes);
        return error?.Code == "json_validate_failed" ? (ModelAnswers.FailedGeneration(bytes), true) : (null, false);
    }

    private ModelSpec? StrictModel() =>
        catalog.TryResolve(routing.Value.RuleModels.StrictJson, out var strict) && strict.Capabilities.HasFlag(ModelCapabilities.StrictJson) ? strict : null;

    private static ExtractionResult Complete(ExtractionRequest request, JsonElement parsed, string answer, ModelSpec model, int calls, int retries)
    {
        var coverage = SchemaCoverage.Measure(request.Schema, parsed);
        var source = ModelAnswers.IsStrictJson(answer) ? ExtractionSource.Model : ExtractionSource.Repaired;
        return new ExtractionResult(parsed, source, ExtractionConfidence.Complete, coverage.Total, coverage.Total, model.Id, calls, retries);
    }

    /// <summary>The best of what the models said, pruned to its valid fields, with regex filling the fields it lacks.</summary>
    private ExtractionResult Salvage(ExtractionRequest request, List<string> said, ModelSpec model, int calls, int retries)
    {
        var regex = RegexFieldExtractor.Extract(request.Schema, request.Text, patterns.Patterns);
        PartialResult? best = null;
        foreach (var text in said)
        {
            if (LenientJson.TryParse(text, out var parsed) && SchemaCoverage.Measure(request.Schema, parsed) is var coverage && coverage.Found > (best?.Found ?? -1))
            {
                best = coverage;
            }
        }

        var merged = best is null ? regex : JsonElements.MergeMissing(best.Value, regex);
        var result = SchemaCoverage.Measure(request.Schema, merged);
        if (result.Confidence == ExtractionConfidence.Discarded)
        {
            Log.ExtractionDiscarded(logger, model.Id, result.Found, result.Total, calls);
        }

        var source = best is { Found: > 0 } ? ExtractionSource.Repaired : ExtractionSource.Regex;
        return new ExtractionResult(result.Value, source, result.Confidence, result.Found, result.Total, model.Id, calls, retries);
    }
}
