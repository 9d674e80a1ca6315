namespace OrleansGroq.Abstractions.Conversations;

/// <summary>One message of a conversation, kept as the exact JSON object the client or the model sent.</summary>
/// <param name="Sequence">1-based position in the conversation.</param>
/// <param name="Role">system, user, assistant or tool.</param>
/// <param name="Json">The message object as raw JSON, e.g. <c>{"role":"user","content":"hi"}</c>; tool calls stay intact.</param>
/// <param name="Tokens">The gateway's estimate of the message's prompt tokens, for trimming.</param>
/// <param name="CreatedAt">When it was appended.</param>
[GenerateSerializer, Immutable]
public sealed record StoredMessage(int Sequence, string Role, string Json, int Tokens, DateTimeOffset CreatedAt);
