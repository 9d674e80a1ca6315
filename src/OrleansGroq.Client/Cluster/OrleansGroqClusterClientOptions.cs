namespace OrleansGroq.Client;

/// <summary>How a service joins the gateway's cluster as an Orleans client (<c>AddOrleansGroqClusterClient</c>).</summary>
public sealed class OrleansGroqClusterClientOptions
{
    /// <summary>The cluster's id, as its silos set <c>Orleans:ClusterId</c>.</summary>
    public string ClusterId { get; set; } = "orleansgroq";

    /// <summary>The cluster's service id, as its silos set <c>Orleans:ServiceId</c>.</summary>
    public string ServiceId { get; set; } = "orleansgroq";

    /// <summary>The PostgreSQL database the silos keep their membership in (their <c>ConnectionStrings:Postgres</c>).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// The gateway client token, sent as <c>Authorization: Bearer</c> as over HTTP. A request from the cluster is never
    /// a loopback caller, so a gateway with no tokens configured refuses it.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>The model, alias or <c>auto</c> a request names when its <c>ChatOptions.ModelId</c> doesn't; <c>auto</c> lets the gateway route.</summary>
    public string DefaultModel { get; set; } = "auto";

    /// <summary>How long one exchange may take (for a stream: each read of it), as <see cref="OrleansGroqClientOptions.Timeout"/>.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// How long a grain call waits for an answer: the longest a call hangs when its silo dies before Orleans notices.
    /// A silo answers a waiting call every half of its own response timeout (5 s by default), so this must be longer.
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(8);
}
