namespace OrleansGroq.Emulator;

/// <summary>One API key of an account. Only the alias ever appears in statistics or messages.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>Name used in statistics and fault rules instead of the secret.</summary>
    public string Alias { get; set; } = "";

    /// <summary>The bearer token clients send.</summary>
    public string Secret { get; set; } = "";
}
