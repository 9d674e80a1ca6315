namespace OrleansGroq.Emulator.Completions;

/// <summary>
/// The usage block. Times are nominal whatever the time profile: prompt at ten times the model's
/// output speed, completion at its speed, queue time from the catalog.
/// </summary>
internal readonly record struct Usage(
    int PromptTokens,
    int CompletionTokens,
    int? CachedTokens,
    int? ReasoningTokens,
    double QueueTime,
    double PromptTime,
    double CompletionTime)
{
    private const double PromptSpeedFactor = 10;

    public int TotalTokens => PromptTokens + CompletionTokens;

    public double TotalTime => Math.Round(PromptTime + CompletionTime, 9);

    public static Usage For(ChatRequest request, Completion completion, int cachedTokens)
    {
        var model = request.Model.Options;
        return new Usage(
            request.PromptTokens,
            completion.CompletionTokens,
            model.PromptCaching ? cachedTokens : null,
            model.Reasoning ? completion.Reasoning.Count : null,
            model.QueueTimeMs / 1000.0,
            Math.Round(request.PromptTokens / (model.Speed * PromptSpeedFactor), 9),
            Math.Round(completion.CompletionTokens / model.Speed, 9));
    }
}
