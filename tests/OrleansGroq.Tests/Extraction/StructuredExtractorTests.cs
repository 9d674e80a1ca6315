using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Grains.Extraction;
using OrleansGroq.Grains.Fallback;
using OrleansGroq.Grains.Routing;
using OrleansGroq.Tests.Fallback;
using OrleansGroq.Tests.Routing;

namespace OrleansGroq.Tests.Extraction;

/// <summary>
/// The extraction's calls against a scripted pipeline: the schema row runs on answers, and a call that spent the LLM
/// attempts (at most two, then local logic) ends the calls whatever the row would have tried next.
/// </summary>
public sealed class StructuredExtractorTests
{
    private const string Text = "Write to ravi@example.com or call 9876543210.";

    private static readonly JsonElement Schema = JsonDocument.Parse("""
        {"type":"object","properties":{"emails":{"type":"array","items":{"type":"string"}},"name":{"type":"string"}},"required":["emails","name"],"additionalProperties":false}
        """).RootElement.Clone();

    private static readonly ModelCatalog Catalog = RoutingFixtures.Seed();

    private readonly StructuredExtractor _extractor = new(
        Catalog, Options.Create(new RoutingOptions()), new PatternExtractor(FallbackTestOptions.Create()), NullLogger<StructuredExtractor>.Instance);

    [Fact]
    public async Task A_call_whose_attempts_failed_ends_the_calls_and_regex_answers()
    {
        var pipeline = new ScriptedPipeline(new ModelReply(null, false, RoutingFixtures.Versatile, Attempts: 2, Spent: true));

        var result = await _extractor.ExtractAsync(Request(RoutingFixtures.Versatile), pipeline, CancellationToken.None);

        Assert.Equal([RoutingFixtures.Versatile], pipeline.Asked);
        Assert.Equal(ExtractionSource.Regex, result.Source);
        Assert.Equal(2, result.LlmCalls);
        Assert.Equal("ravi@example.com", result.Data.GetProperty("emails")[0].GetString());
    }

    [Fact]
    public async Task A_refused_generation_after_a_failed_attempt_is_salvaged_without_the_retries()
    {
        var pipeline = new ScriptedPipeline(new ModelReply("""{"emails":["ravi@example.com"],"name":7}""", true, RoutingFixtures.OssLarge, Attempts: 2, Spent: true));

        var result = await _extractor.ExtractAsync(Request(RoutingFixtures.OssSmall), pipeline, CancellationToken.None);

        Assert.Single(pipeline.Asked);
        Assert.Equal(ExtractionSource.Repaired, result.Source);
        Assert.Equal(0, result.ValidationRetries);
        Assert.Equal(RoutingFixtures.OssLarge, result.Model);
    }

    [Fact]
    public async Task Without_an_outage_refused_generations_are_retried_then_handed_to_a_strict_model()
    {
        var refused = new ModelReply("""{"emails":[]}""", true, RoutingFixtures.Versatile, Attempts: 1, Spent: false);
        var answer = new ModelReply("""{"emails":["ravi@example.com"],"name":"Ravi"}""", false, RoutingFixtures.OssSmall, Attempts: 1, Spent: false);
        var pipeline = new ScriptedPipeline(refused, refused, refused, refused, answer);

        var result = await _extractor.ExtractAsync(Request(RoutingFixtures.Versatile), pipeline, CancellationToken.None);

        Assert.Equal([.. Enumerable.Repeat(RoutingFixtures.Versatile, 1 + StructuredExtractor.MaxValidationRetries), RoutingFixtures.OssSmall], pipeline.Asked);
        Assert.Equal(ExtractionSource.Model, result.Source);
        Assert.Equal(ExtractionConfidence.Complete, result.Confidence);
        Assert.Equal(5, result.LlmCalls);
        Assert.Equal(RoutingFixtures.OssSmall, result.Model);
    }

    private static ExtractionRequest Request(string model) =>
        new(Text, Schema, Catalog.TryResolve(model, out var spec) ? spec : throw new InvalidOperationException(model), null);

    /// <summary>Answers each call with the next scripted reply, and records which model each call was written for.</summary>
    private sealed class ScriptedPipeline(params ModelReply[] replies) : IExtractionPipeline
    {
        private readonly Queue<ModelReply> _replies = new(replies);

        public List<string> Asked { get; } = [];

        public ValueTask<ModelReply> AskAsync(ModelSpec model, byte[] body, CancellationToken cancellationToken)
        {
            Asked.Add(model.Id);
            return ValueTask.FromResult(_replies.Dequeue());
        }
    }
}
