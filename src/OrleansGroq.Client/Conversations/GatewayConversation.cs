using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OrleansGroq.Client;

/// <summary>A conversation as the gateway keeps it.</summary>
/// <param name="Id">Its id, <c>conv_...</c>.</param>
/// <param name="Model">The model its turns run on.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="KeyAlias">The Groq key its turns stick to, once one served it.</param>
/// <param name="Version">Grows by one with each stored turn.</param>
/// <param name="MessageCount">How many messages it holds, the system prompt included.</param>
/// <param name="Metadata">The metadata it was created with, as JSON.</param>
/// <param name="Messages">Its history, oldest first; empty in a list.</param>
public sealed record GatewayConversation(
    string Id,
    string Model,
    DateTimeOffset CreatedAt,
    string? KeyAlias,
    long Version,
    int MessageCount,
    JsonElement? Metadata,
    IReadOnlyList<ChatMessage> Messages);
