namespace OrleansGroq.Grains.Extraction;

/// <summary>What one call of an extraction brought back.</summary>
/// <param name="Answer">What the model wrote: its answer's content, or the generation Groq's validation refused; null when there is none.</param>
/// <param name="ValidateFailed">Groq refused the generation with <c>json_validate_failed</c>.</param>
/// <param name="Model">The model that answered, or was asked last: a fallback's id when the cascade moved.</param>
/// <param name="Attempts">The LLM attempts the call took (one, or two when the cascade moved).</param>
/// <param name="Spent">
/// The extraction may make no further LLM attempt: this call's attempts failed, or it took the cascade's second
/// attempt. What follows is local logic.
/// </param>
public readonly record struct ModelReply(string? Answer, bool ValidateFailed, string Model, int Attempts, bool Spent);
