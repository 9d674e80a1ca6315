namespace OrleansGroq.Abstractions.Keys;

/// <summary>
/// One configured upstream key (an entry of <c>Groq:Keys</c>). It carries the secret, so it is a class whose
/// <see cref="ToString"/> leaves the secret out, and it is never logged or returned as is.
/// </summary>
public sealed class ApiKeyOptions
{
    /// <summary>The key's name in logs, metrics and the admin view.</summary>
    public string Alias { get; set; } = "";

    /// <summary>The Groq organization of the key; defaults to the alias (a key of its own organization).</summary>
    public string? Account { get; set; }

    /// <summary>The secret sent as the bearer token.</summary>
    public string Secret { get; set; } = "";

    /// <inheritdoc />
    public override string ToString() => $"{Alias} ({Account ?? Alias})";
}
