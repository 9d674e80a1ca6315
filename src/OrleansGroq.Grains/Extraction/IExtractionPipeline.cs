using OrleansGroq.Abstractions.Routing;

namespace OrleansGroq.Grains.Extraction;

/// <summary>
/// Where an extraction's LLM calls go: the pipeline every kind of chat work takes (quota admission, the cascade to a
/// fallback model or the backup provider), for one extraction request.
/// </summary>
public interface IExtractionPipeline
{
    /// <summary>Sends one chat completion body, written for <paramref name="model"/>, and reads what came back.</summary>
    ValueTask<ModelReply> AskAsync(ModelSpec model, byte[] body, CancellationToken cancellationToken);
}
