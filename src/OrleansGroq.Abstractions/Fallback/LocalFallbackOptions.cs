namespace OrleansGroq.Abstractions.Fallback;

/// <summary>
/// How the gateway answers on its own once every LLM attempt for a chat request is spent (seed 001 §2.3, §7), bound
/// from <c>Fallback</c>. A configured list (<c>Fallback:Templates:0</c>, ...) replaces its default rather than
/// extending it; blank entries are ignored, so <c>Fallback:Blocklist:0</c> set to an empty string turns the blocklist
/// off. Patterns merge by name with the defaults and an empty pattern removes one.
/// </summary>
public sealed class LocalFallbackOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Fallback";

    /// <summary>
    /// The replies the gateway picks from. They say plainly that the service is degraded: a fallback reply must never
    /// pass for an answer from a model.
    /// </summary>
    public IList<string> Templates { get; } =
    [
        "The assistant is temporarily unavailable, so this is an automatic reply. Please try again in a moment.",
        "The service is under heavy load and could not produce an answer right now. Please retry shortly.",
        "Service is temporarily degraded and your message was not answered. Please send it again in a little while.",
        "This is an automatic fallback reply: the language model could not be reached. Please try again later.",
        "Sorry, no answer is available at the moment because the service is degraded. Please retry in a few seconds.",
    ];

    /// <summary>The reply when the latest user message matches the <see cref="Blocklist"/>.</summary>
    public string BlockedReply { get; set; } =
        "This request cannot be answered. If you or someone else is in danger, please contact your local emergency services.";

    /// <summary>
    /// Regular expressions by name whose matches are reported with a fallback answer (seed 001 §7.3). The defaults are
    /// written so that one value is reported under one name only: an e-mail address is not also a UPI id (UPI handles
    /// have no dot after the <c>@</c>), and a mobile number is not also a bank account.
    /// </summary>
    public IDictionary<string, string> Patterns { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["upi_ids"] = @"(?<![\w.+-])[\w.-]+@[A-Za-z][A-Za-z0-9]*(?![\w@-]|\.[A-Za-z0-9])",
        ["phone_numbers"] = @"(?<![\w+])(?:\+?91[\s-]?)?[6-9]\d{9}\b",
        ["bank_accounts"] = @"\b(?![6-9]\d{9}\b)(?!91[6-9]\d{9}\b)\d{9,18}\b",
        ["ifsc_codes"] = @"\b[A-Z]{4}0[A-Z0-9]{6}\b",
        ["emails"] = @"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
        ["urls"] = @"(?i)\bhttps?://[^\s<>""'`]+(?<![.,;:!?)\]])",
    };

    /// <summary>
    /// How long one pattern may search before it gives up, so that a costly expression cannot stall a reply. The clock
    /// is the wall's, not the CPU's: at 100 ms a search descheduled on a loaded 2-core machine gave up on an ordinary
    /// message and dropped a field from a local extraction (CI); the defaults finish a message in microseconds.
    /// </summary>
    public TimeSpan MatchTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Words that raise the risk score, matched as whole words whatever their case (seed 001 §7.4).</summary>
    public IList<string> RiskKeywords { get; } = ["UPI", "OTP", "bank", "transfer", "urgent", "blocked"];

    /// <summary>Phrases typical of scams that raise the risk score, matched as whole phrases whatever their case.</summary>
    public IList<string> ScamPatterns { get; } = ["won lottery", "your account", "verify now", "click here"];

    /// <summary>What each distinct risk keyword found adds to the risk score.</summary>
    public double RiskKeywordWeight { get; set; } = 0.1;

    /// <summary>What each distinct scam phrase found adds to the risk score.</summary>
    public double ScamPatternWeight { get; set; } = 0.2;

    /// <summary>
    /// Phrases that make the gateway refuse rather than send a template, matched as whole phrases whatever their case.
    /// Kept short and unambiguous: the fallback has no model to judge context.
    /// </summary>
    public IList<string> Blocklist { get; } =
    [
        "make a bomb",
        "build a bomb",
        "pipe bomb",
        "make explosives",
        "nerve agent",
        "how to kill myself",
        "ways to kill myself",
        "suicide methods",
    ];

    /// <summary>
    /// The similarity (0 to 1, normalized Levenshtein) at or above which the latest user message counts as a repeat of
    /// an earlier one.
    /// </summary>
    public double RepetitionThreshold { get; set; } = 0.9;

    /// <summary>
    /// Whether a request whose LLM attempts failed gets a marked local answer (true) or a 503 with retry-after. A
    /// request overrides it with <c>x-orleansgroq-degraded: allow</c> or <c>refuse</c>.
    /// </summary>
    public bool AllowDegraded { get; set; } = true;

    /// <summary>Tenants that never get a local answer, whatever the request says.</summary>
    public IList<string> RefuseDegradedTenants { get; } = [];
}
