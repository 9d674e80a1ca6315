namespace OrleansGroq.Abstractions.Routing;

/// <summary>
/// The targets of the <c>auto</c> rules (<c>Routing:RuleModels</c>), each a catalog id or alias. The defaults follow
/// seed 000's <c>selectModel</c> and seed 001 §1.
/// </summary>
public sealed class RoutingRuleModels
{
    /// <summary>Requests with images; must support vision.</summary>
    public string Vision { get; set; } = "meta-llama/llama-4-scout-17b-16e-instruct";

    /// <summary>Cost-sensitive requests and latency budgets under <see cref="RoutingOptions.LowLatencyMs"/>.</summary>
    public string Fast { get; set; } = "llama-3.1-8b-instant";

    /// <summary>Prompts over <see cref="RoutingOptions.LongContextTokens"/>.</summary>
    public string LongContext { get; set; } = "llama-3.3-70b-versatile";

    /// <summary>Strict JSON schema output; must support it (seed 001 §1.1: GPT-OSS only).</summary>
    public string StrictJson { get; set; } = "openai/gpt-oss-20b";

    /// <summary>Requests that ask for reasoning; must support it.</summary>
    public string Reasoning { get; set; } = "openai/gpt-oss-120b";

    /// <summary>Requests with tools or a response format (seed 000 sends them to the 70B); must support both.</summary>
    public string ToolsJson { get; set; } = "llama-3.3-70b-versatile";

    /// <summary>Everything else: the speed tier.</summary>
    public string Default { get; set; } = "llama-3.1-8b-instant";
}
