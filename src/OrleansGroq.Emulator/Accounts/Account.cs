namespace OrleansGroq.Emulator.Accounts;

/// <summary>A Groq organization and the limits it configured explicitly (by model id).</summary>
internal sealed record Account(string Id, IReadOnlyDictionary<string, ModelLimits> Limits);
