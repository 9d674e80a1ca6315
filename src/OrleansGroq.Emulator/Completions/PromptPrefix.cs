namespace OrleansGroq.Emulator.Completions;

/// <summary>The prompt up to and including one message: its hash and its token count.</summary>
internal readonly record struct PromptPrefix(ulong Hash, int Tokens);
