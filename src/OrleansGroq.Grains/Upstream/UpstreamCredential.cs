using System.Net.Http.Headers;

namespace OrleansGroq.Grains.Upstream;

/// <summary>
/// An upstream API key and its alias. The secret is reachable only as an Authorization header,
/// so it cannot end up in a log line, an exception message or a metric by accident.
/// </summary>
public sealed class UpstreamCredential(string alias, string secret)
{
    public string Alias { get; } = alias;

    public AuthenticationHeaderValue ToAuthorizationHeader() => new("Bearer", secret);

    public override string ToString() => Alias;
}
