using OrleansGroq.Silo.Errors;

namespace OrleansGroq.Silo.Batches;

/// <summary>One Files or Batches call to Groq: Groq's answer (the caller disposes it) or the client's refusal, and the time it took.</summary>
public readonly record struct ObjectCall(HttpResponseMessage? Response, OpenAiErrorResult? Refusal, TimeSpan Elapsed);
