namespace OrleansGroq.Grains.Statistics;

/// <summary>What the live statistics take from one upstream attempt.</summary>
/// <param name="Model">The model the attempt asked for.</param>
/// <param name="Succeeded">Whether it ended well; only successful attempts are timed, so that fast failures do not make a model look fast.</param>
/// <param name="Duration">From sending to the last byte.</param>
/// <param name="TimeToFirstToken">For a streamed answer, from sending to the first content chunk.</param>
/// <param name="CompletionTokens">The completion tokens Groq reported, when it did.</param>
public readonly record struct AttemptSample(string Model, bool Succeeded, TimeSpan Duration, TimeSpan? TimeToFirstToken, long? CompletionTokens);
