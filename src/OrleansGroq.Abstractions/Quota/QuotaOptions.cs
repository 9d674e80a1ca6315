namespace OrleansGroq.Abstractions.Quota;

/// <summary>
/// Cluster-wide quota settings, bound from <c>Quota</c>: limits per account and model
/// (<c>Quota:Accounts:{account}:{model}:Rpm</c>, <c>Rpd</c>, <c>Tpm</c>, <c>Tpd</c>), defaults per model for every
/// account (<c>Quota:Defaults:{model}:Tpm</c>), and how nodes lease and reserve. A model with no limit configured
/// anywhere is unlimited until Groq's limit headers say otherwise.
/// </summary>
public sealed class QuotaOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Quota";

    /// <summary>Limits per account (Groq organization), then per model id.</summary>
    public IDictionary<string, IDictionary<string, QuotaLimitOptions>> Accounts { get; } =
        new Dictionary<string, IDictionary<string, QuotaLimitOptions>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Limits per tenant over every model (<c>Quota:Tenants:{tenant}:Rpm</c>, ...), so that one tenant cannot take the
    /// budget all others share. A tenant without an entry has no limits of its own.
    /// </summary>
    public IDictionary<string, QuotaLimitOptions> Tenants { get; } = new Dictionary<string, QuotaLimitOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Limits per model id, for accounts that do not set them.</summary>
    public IDictionary<string, QuotaLimitOptions> Defaults { get; } = new Dictionary<string, QuotaLimitOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// How much traffic a lease covers: a node asks for its recent rate times this. Longer means fewer lease
    /// statements and more budget idle in slices; near an empty bucket leases shrink to the request at hand anyway.
    /// </summary>
    public TimeSpan SliceDuration { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The smallest slice a lease asks for, in requests like the one at hand, so that a node with little traffic does
    /// not lease for every request. Near an empty bucket leases still shrink to the request at hand.
    /// </summary>
    public int MinSliceRequests { get; set; } = 4;

    /// <summary>
    /// The share of <c>max_tokens</c> reserved for the completion (0 to 1). Groq admits a request only when its prompt
    /// plus <c>max_tokens</c> fit the TPM bucket, so anything below 1 trades a risk of 429s near the limit for throughput;
    /// the unused part returns when the request is settled either way.
    /// </summary>
    public double MaxTokensShare { get; set; } = 1.0;

    /// <summary>
    /// How much to add to the gateway's prompt estimate (0.1 = 10 %) so that it does not fall short of Groq's own count:
    /// Groq admits a request only when its prompt, as Groq's tokenizer counts it, fits. Settlement corrects the rest.
    /// </summary>
    public double PromptEstimateMargin { get; set; } = 0.1;

    /// <summary>The completion tokens reserved for a request without <c>max_tokens</c>, which Groq does not check but does count.</summary>
    public int DefaultCompletionTokens { get; set; } = 512;

    /// <summary>How long a node keeps an unused slice before giving it back for other nodes to use.</summary>
    public TimeSpan IdleReturnAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The share of every bucket (0 to 1) that batch work leaves to interactive work.</summary>
    public double BatchReserve { get; set; } = 0.1;

    /// <summary>
    /// The share of every bucket (0 to 1) no request may take. Budget leased into a slice refills the shared bucket at
    /// once, while Groq counts it only when the requests arrive; when Groq's bucket is full meanwhile (at start, after a
    /// quiet spell) that refill is budget Groq does not have. The drift is at most what the nodes held in slices then,
    /// and Groq's remaining headers wear it down; this margin absorbs what is left. Measured: a 60 s run at three times
    /// the limits drifted 24–62 tokens of a 24,000 TPM bucket and caused one 429 without it.
    /// </summary>
    public double SafetyMargin { get; set; } = 0.01;

    /// <summary>The configured limits of an account and model: the account's own, else the model's default, else unlimited.</summary>
    public QuotaLimits LimitsFor(string account, string model)
    {
        if (account.StartsWith(QuotaKey.TenantPrefix, StringComparison.Ordinal) && model == QuotaKey.AnyModel)
        {
            return Find(Tenants, account[QuotaKey.TenantPrefix.Length..]) is { } tenant
                ? new QuotaLimits(tenant.Rpm ?? 0, tenant.Rpd ?? 0, tenant.Tpm ?? 0, tenant.Tpd ?? 0)
                : QuotaLimits.Unlimited;
        }

        var own = Find(Find(Accounts, account), model);
        var fallback = Find(Defaults, model);
        return new QuotaLimits(
            own?.Rpm ?? fallback?.Rpm ?? 0,
            own?.Rpd ?? fallback?.Rpd ?? 0,
            own?.Tpm ?? fallback?.Tpm ?? 0,
            own?.Tpd ?? fallback?.Tpd ?? 0);
    }

    // Configuration keys are case-insensitive, but the binder creates the inner dictionaries with the default comparer.
    private static T? Find<T>(IDictionary<string, T>? entries, string key)
        where T : class =>
        entries is null ? null
        : entries.TryGetValue(key, out var exact) ? exact
        : entries.FirstOrDefault(e => string.Equals(e.Key, key, StringComparison.OrdinalIgnoreCase)).Value;
}
