namespace OrleansGroq.Grains.Chat;

/// <summary>What a conversation turn's body says besides its message: how the reply is wanted.</summary>
/// <param name="Role"><c>user</c> or <c>tool</c>.</param>
/// <param name="Stream">Whether the reply is streamed.</param>
/// <param name="MaxTokens">The reply's token limit, from <c>max_completion_tokens</c> or <c>max_tokens</c>.</param>
public sealed record ConversationMessage(string Role, bool Stream, int? MaxTokens);
