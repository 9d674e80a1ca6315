namespace OrleansGroq.Silo.Cascade;

/// <summary>One LLM attempt: where it went (<c>groq:model</c> or <c>backup:model</c>) and how it ended.</summary>
public readonly record struct CascadeStep(string Target, AttemptVerdict Verdict);
