namespace OrleansGroq.Client;

/// <summary>Where the gateway is and how to call it; shared by the chat and the conversation client.</summary>
public sealed class OrleansGroqClientOptions
{
    /// <summary>The gateway's root, e.g. <c>http://localhost:8080/</c>; or use <see cref="Endpoints"/> for several nodes.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>
    /// Several nodes of one cluster, tried in order: a node that refuses the connection is skipped for the next one,
    /// and the client stays on the node that answered. An HTTP error status is an answer and is not retried.
    /// </summary>
    public IList<Uri> Endpoints { get; set; } = [];

    /// <summary>The gateway's client token, sent as <c>Authorization: Bearer</c>; none on a gateway that serves loopback only.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The model, alias or <c>auto</c> a request names when its <c>ChatOptions.ModelId</c> doesn't; <c>auto</c> lets the gateway route.</summary>
    public string DefaultModel { get; set; } = "auto";

    /// <summary>How long one HTTP exchange may take (for a stream: each read of it).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>The nodes to call, in order, each ending in <c>/</c> so relative paths resolve under it.</summary>
    /// <exception cref="ArgumentException">No endpoint, or one that is not an absolute http(s) URI.</exception>
    internal IReadOnlyList<Uri> ResolveEndpoints()
    {
        var endpoints = Endpoints.Count > 0 ? [.. Endpoints] : Endpoint is { } one ? new List<Uri> { one } : [];
        if (endpoints.Count == 0)
        {
            throw new ArgumentException($"Set {nameof(OrleansGroqClientOptions)}.{nameof(Endpoint)} or {nameof(Endpoints)} to the gateway's address.");
        }

        return endpoints.Select(endpoint => endpoint is { IsAbsoluteUri: true, Scheme: "http" or "https" }
            ? new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/")
            : throw new ArgumentException($"{nameof(OrleansGroqClientOptions)}.{nameof(Endpoints)}: '{endpoint}' is not an absolute http or https address."))
            .ToList();
    }
}
