namespace OrleansGroq.Emulator;

/// <summary>A Groq organization: it owns keys, and limits are counted per account and model.</summary>
public sealed class AccountOptions
{
    /// <summary>Organization id, shown in rate-limit messages (e.g. <c>org_a</c>).</summary>
    public string Id { get; set; } = "";

    /// <summary>The account's keys.</summary>
    public List<ApiKeyOptions> Keys { get; set; } = [];

    /// <summary>Limits per model id; models not listed get the catalog's free-tier limits.</summary>
    public Dictionary<string, ModelLimits> Limits { get; set; } = [];
}
