namespace OrleansGroq.Abstractions.Quota;

/// <summary>Names one set of buckets: a Groq organization (account) and a model. Its string form is the quota grain's key.</summary>
/// <param name="Account">The Groq organization the keys belong to.</param>
/// <param name="Model">The model id, e.g. <c>openai/gpt-oss-20b</c>.</param>
public readonly record struct QuotaKey(string Account, string Model)
{
    /// <summary>What a tenant's buckets are named by in place of an account; no Groq organization id has it.</summary>
    public const string TenantPrefix = "tenant:";

    /// <summary>The model of a tenant's buckets: they count requests and tokens over every model.</summary>
    public const string AnyModel = "*";

    /// <summary>The buckets of a tenant's own limits (fair share), kept and leased like an account's.</summary>
    public static QuotaKey ForTenant(string tenant) => new(TenantPrefix + tenant, AnyModel);

    /// <summary>Parses <c>{account}/{model}</c>. Accounts hold no slash, model ids may (<c>openai/gpt-oss-20b</c>).</summary>
    /// <exception cref="FormatException">The key has no slash, or an empty account or model.</exception>
    public static QuotaKey Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == key.Length - 1)
        {
            throw new FormatException($"A quota key is '{{account}}/{{model}}'; '{key}' is not.");
        }

        return new QuotaKey(key[..slash], key[(slash + 1)..]);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Account}/{Model}";
}
