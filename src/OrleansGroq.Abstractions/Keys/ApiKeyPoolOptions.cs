namespace OrleansGroq.Abstractions.Keys;

/// <summary>The upstream keys and how they cool down. Keys come from <c>Groq:Keys</c>, plus <c>GROQ_API_KEY</c> as alias <c>default</c>.</summary>
public sealed class ApiKeyPoolOptions
{
    /// <summary>The configuration section holding the key list.</summary>
    public const string KeysSectionName = "Groq:Keys";

    /// <summary>The configuration setting holding a single key.</summary>
    public const string SingleKeySettingName = "GROQ_API_KEY";

    /// <summary>The alias and account given to the key from <c>GROQ_API_KEY</c>.</summary>
    public const string SingleKeyAlias = "default";

    /// <summary>The configuration setting holding <see cref="SubscriptionRenewal"/>.</summary>
    public const string SubscriptionRenewalSettingName = "Groq:KeySubscriptionRenewal";

    /// <summary>The configured keys.</summary>
    public IList<ApiKeyOptions> Keys { get; } = [];

    /// <summary>How long a key rests after a 429 that says neither which limit tripped nor how long to wait.</summary>
    public TimeSpan DefaultCooldown { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often each silo's board of key statuses subscribes again to every key grain, which catches it up on any
    /// change whose one-way message to it was lost.
    /// </summary>
    public TimeSpan SubscriptionRenewal { get; set; } = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public override string ToString() => $"{Keys.Count} key(s): {string.Join(", ", Keys)}";
}
