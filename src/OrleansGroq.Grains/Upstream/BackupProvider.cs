using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Gateway;

namespace OrleansGroq.Grains.Upstream;

/// <summary>
/// The OpenAI-compatible provider behind Groq. It has one key and no Groq quota: what it allows is its own business,
/// so a request goes to it as it is, with only the model named the way the backup knows it.
/// </summary>
public sealed class BackupProvider(UpstreamClient upstream, IOptions<BackupProviderOptions> options)
{
    public const string Name = "backup";

    private readonly BackupProviderOptions _options = options.Value;
    private readonly Uri? _chatUri = options.Value.BaseUrl is { } root ? new Uri(root, "chat/completions") : null;
    private readonly UpstreamCredential _credential = new(Name, options.Value.ApiKey);

    public bool IsConfigured => _chatUri is not null;

    /// <summary>The model the backup is asked for in place of <paramref name="model"/>.</summary>
    public string ModelFor(string model) => _options.Model.Length > 0 ? _options.Model : model;

    public ValueTask<UpstreamResult> SendChatAsync(string model, ReadOnlyMemory<byte> body, bool stream, CancellationToken cancellationToken) =>
        upstream.SendChatAsync(
            Name,
            _chatUri ?? throw new InvalidOperationException("No backup provider is configured (Backup:BaseUrl)."),
            model,
            body,
            stream,
            _credential,
            cancellationToken);
}
