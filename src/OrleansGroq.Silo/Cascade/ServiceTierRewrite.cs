using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansGroq.Silo.Http;

namespace OrleansGroq.Silo.Cascade;

/// <summary>
/// Moves a request from Groq's flex tier to on-demand after a 498. This is the one rewrite that round-trips the body
/// through a document: it happens once per flex capacity error, never on the hot path.
/// </summary>
public static class ServiceTierRewrite
{
    public static PooledBody ToOnDemand(PooledBody body)
    {
        var document = JsonNode.Parse(body.Span)!.AsObject();
        document["service_tier"] = "on_demand";
        var bytes = JsonSerializer.SerializeToUtf8Bytes(document);
        var rewritten = new PooledBody(bytes.Length);
        rewritten.Append(bytes);
        return rewritten;
    }
}
