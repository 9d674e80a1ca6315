namespace OrleansGroq.Grains.Fallback;

/// <summary>What the gateway answers on its own when no model could (seed 001 §7), and what it found in the request.</summary>
/// <param name="Reply">The assistant text: a template saying the service is degraded, or the blocked reply.</param>
/// <param name="Reason">Why no model answered, as given by the caller (for example <c>all_attempts_failed</c>).</param>
/// <param name="Extracted">Matches of every configured pattern over all user messages, by pattern name.</param>
/// <param name="RiskScore">The local risk score of the latest user message, from 0 to 1.</param>
/// <param name="Blocked">Whether the latest user message matched the safety blocklist.</param>
/// <param name="Repetition">Whether the latest user message repeats an earlier one.</param>
public sealed record LocalAnswer(
    string Reply,
    string Reason,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Extracted,
    double RiskScore,
    bool Blocked,
    bool Repetition);
