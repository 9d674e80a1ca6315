namespace OrleansGroq.Silo.Endpoints;

/// <summary>One entry of <c>GET /models</c>, with the fields Groq returns.</summary>
public sealed record ModelEntry(
    string Id,
    string Object,
    long Created,
    string OwnedBy,
    bool Active,
    int ContextWindow,
    object? PublicApps,
    int MaxCompletionTokens);
