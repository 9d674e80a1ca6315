using Microsoft.Extensions.DependencyInjection;
using OrleansGroq.Abstractions.Keys;

namespace OrleansGroq.IntegrationTests.Infrastructure;

/// <summary>Session ids chosen so that a test knows which key a request tries first.</summary>
internal static class KeyAffinity
{
    /// <summary>A session id (<c>x-session-id</c>) whose preferred key is <paramref name="alias"/> while every key is available.</summary>
    public static string SessionPreferring(GatewayHost gateway, string alias)
    {
        var pool = gateway.Services.GetRequiredService<IApiKeyPool>();
        return Enumerable.Range(0, 10_000).Select(i => $"session-{i}").First(session => pool.Select(session).Key?.Alias == alias);
    }
}
