using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Grains.Fallback;
using OrleansGroq.Grains.Routing;

namespace OrleansGroq.Grains.Extraction;

/// <summary>
/// Structured extraction along the failure matrix's schema row (ARCHITECTURE.md §5): the full prompt with the schema
/// (strict where the model supports it); on <c>json_validate_failed</c> up to three retries with a simplified prompt;
/// then once on a strict-capable model if the first was not one; then the lenient parser over whatever the models
/// said (answers and failed generations), completed by regex extraction and flagged as partial. Each call goes through
/// the extraction's <see cref="IExtractionPipeline"/>, so it takes the cascade like any chat request; a call that
/// spends the LLM attempts (two at most, ARCHITECTURE.md §3) ends the calls, and local logic answers with what there is.
/// </summary>
public sealed partial class StructuredExtractor(
    ModelCatalog catalog,
    IOptions<RoutingOptions> routing,
    PatternExtractor patterns,
    ILogger<StructuredExtractor> logger)
{
    public const int MaxValidationRetries = 3;

    public async Task<ExtractionResult> ExtractAsync(ExtractionRequest request, IExtractionPipeline pipeline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(pipeline);
        var said = new List<string>();
        var calls = 0;
        var retries = 0;
        var model = request.Model;
        var kind = ExtractionPromptKind.Full;
        while (true)
        {
            var reply = await pipeline.AskAsync(model, Body(request, model, kind), cancellationToken);
            calls += reply.Attempts;
            if (reply.Answer is { } answer)
            {
                said.Add(answer);

                // A generation Groq refused is kept for the last resort, not taken: the retries may still do better.
                if (!reply.ValidateFailed && LenientJson.TryParse(answer, out var parsed) && JsonSchemaValidator.IsValid(request.Schema, parsed))
                {
                    return Complete(request, parsed, answer, reply.Model, calls, retries);
                }
            }

            if (reply.Spent)
            {
                return Salvage(request, said, reply.Model, calls, retries);
            }

            if (reply.ValidateFailed && retries < MaxValidationRetries)
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

            return Salvage(request, said, reply.Model, calls, retries);
        }
    }

    private static byte[] Body(ExtractionRequest request, ModelSpec model, ExtractionPromptKind kind)
    {
        var prepared = request.Schema;
        var strict = model.Capabilities.HasFlag(ModelCapabilities.StrictJson) && StrictSchema.TryPrepare(request.Schema, out prepared, out _);
        return ExtractionPrompts.BuildRequestBody(model.Id, request.Text, strict ? prepared : request.Schema, kind, strict, request.Instructions);
    }

    private ModelSpec? StrictModel() =>
        catalog.TryResolve(routing.Value.RuleModels.StrictJson, out var strict) && strict.Capabilities.HasFlag(ModelCapabilities.StrictJson) ? strict : null;

    private static ExtractionResult Complete(ExtractionRequest request, JsonElement parsed, string answer, string model, int calls, int retries)
    {
        var coverage = SchemaCoverage.Measure(request.Schema, parsed);
        var source = ModelAnswers.IsStrictJson(answer) ? ExtractionSource.Model : ExtractionSource.Repaired;
        return new ExtractionResult(parsed, source, ExtractionConfidence.Complete, coverage.Total, coverage.Total, model, calls, retries);
    }

    /// <summary>The best of what the models said, pruned to its valid fields, with regex filling the fields it lacks.</summary>
    private ExtractionResult Salvage(ExtractionRequest request, List<string> said, string model, int calls, int retries)
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
            Log.ExtractionDiscarded(logger, model, result.Found, result.Total, calls);
        }

        var source = best is { Found: > 0 } ? ExtractionSource.Repaired : ExtractionSource.Regex;
        return new ExtractionResult(result.Value, source, result.Confidence, result.Found, result.Total, model, calls, retries);
    }
}
