namespace OrleansGroq.Abstractions.Gateway;

/// <summary>
/// The backup provider, bound from <c>Backup</c>: any OpenAI-compatible endpoint, tried as a request's second LLM
/// attempt when Groq cannot be reached or keeps failing. Off while <see cref="BaseUrl"/> is unset.
/// </summary>
public sealed class BackupProviderOptions
{
    public const string SectionName = "Backup";

    private Uri? _baseUrl;

    /// <summary>The API root, e.g. <c>https://api.openai.com/v1</c>; a missing trailing slash is added, see <see cref="ApiRoot"/>.</summary>
    public Uri? BaseUrl { get => _baseUrl; set => _baseUrl = value is null ? null : ApiRoot.WithTrailingSlash(value); }

    public string ApiKey { get; set; } = "";

    /// <summary>The model to ask the backup for; empty sends the Groq model id unchanged.</summary>
    public string Model { get; set; } = "";

    public bool IsConfigured => BaseUrl is not null;
}
