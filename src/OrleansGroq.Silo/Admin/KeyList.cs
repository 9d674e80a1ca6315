using System.Text.Json.Serialization;

namespace OrleansGroq.Silo.Admin;

/// <summary>The body of <c>GET /admin/keys</c>, in OpenAI's list shape.</summary>
internal sealed record KeyList(IReadOnlyList<KeyView> Data)
{
    [JsonPropertyOrder(-1)]
    public string Object => "list";
}
