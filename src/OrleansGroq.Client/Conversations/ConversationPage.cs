namespace OrleansGroq.Client;

/// <summary>A page of <see cref="IConversationClient.ListAsync"/>.</summary>
/// <param name="Conversations">The page, oldest first.</param>
/// <param name="HasMore">Whether a next page exists: ask for it with <paramref name="LastId"/> as <c>after</c>.</param>
/// <param name="LastId">The id of the page's last conversation.</param>
public sealed record ConversationPage(IReadOnlyList<GatewayConversation> Conversations, bool HasMore, string? LastId);
