using System.Net;
using System.Text.Json;

namespace OrleansGroq.IntegrationTests.Infrastructure;

/// <summary>Reads <c>GET /admin/keys</c> (open to loopback callers when no admin token is configured).</summary>
internal static class AdminKeys
{
    /// <summary>Each key's view, by alias.</summary>
    public static async Task<IReadOnlyDictionary<string, JsonElement>> ReadAsync(GatewayHost gateway)
    {
        using var response = await gateway.Http.GetAsync("admin/keys");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("data").EnumerateArray().ToDictionary(k => k.GetProperty("alias").GetString()!, k => k.Clone());
    }

    public static string State(this JsonElement key) => key.GetProperty("state").GetString()!;

    public static string? Reason(this JsonElement key) => key.GetProperty("reason").GetString();

    /// <summary>When a cooling key is usable again, or null.</summary>
    public static DateTimeOffset? CoolingUntil(this JsonElement key) =>
        key.GetProperty("cooling_until") is { ValueKind: JsonValueKind.Number } until ? DateTimeOffset.FromUnixTimeSeconds(until.GetInt64()) : null;
}
