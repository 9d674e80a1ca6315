namespace OrleansGroq.Abstractions.Conversations;

/// <summary>A message to append: its role, its raw JSON object and its estimated prompt tokens.</summary>
[GenerateSerializer, Immutable]
public sealed record NewMessage(string Role, string Json, int Tokens);
