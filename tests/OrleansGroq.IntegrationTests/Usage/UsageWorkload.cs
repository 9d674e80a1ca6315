using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Usage;

/// <summary>
/// A mixed workload (two keys on two accounts, three models, whole and streamed answers, a repeated prefix that Groq's
/// prompt cache serves, and one attempt that fails) and the check that <c>GET /admin/usage</c> counts it exactly as
/// the emulator did.
/// </summary>
internal static class UsageWorkload
{
    public const string Speed = "llama-3.1-8b-instant";
    public const string Quality = "llama-3.3-70b-versatile";
    public const string Oss20b = "openai/gpt-oss-20b";

    public static readonly TestKey A = new("usage-a", "org_usage_a", "gsk_test_usage_ledger_account_a");
    public static readonly TestKey B = new("usage-b", "org_usage_b", "gsk_test_usage_ledger_account_b");

    /// <summary>No retry inside an attempt, so that every request the emulator counts is one attempt of the gateway.</summary>
    public static Dictionary<string, string> Settings(string? connectionString = null)
    {
        var settings = new Dictionary<string, string> { ["Upstream:MaxRetries"] = "0", ["Cache:Enabled"] = "false" };
        if (connectionString is not null)
        {
            settings["ConnectionStrings:Postgres"] = connectionString;
        }

        return settings;
    }

    public static async Task RunAndCompareAsync(TestUpstream upstream)
    {
        var control = upstream.Emulator.Control;
        control.Unlimit([A, B], Speed, Quality, Oss20b);
        control.AddFault(new FaultRule { Kind = FaultKind.Status500, Model = Quality, RequestNumbers = [2] });
        var http = upstream.Gateway.Http;
        var longSystem = string.Concat(Enumerable.Repeat("You answer briefly and politely, in plain words. ", 40));

        var sends = new List<Task<HttpResponseMessage>>();
        for (var i = 0; i < 8; i++)
        {
            sends.Add(http.SendAsync(ChatBodies.Post(ChatBodies.Simple(Speed, stream: i % 2 == 1), sessionId: $"s{i}")));
        }

        for (var i = 0; i < 3; i++)
        {
            sends.Add(http.SendAsync(ChatBodies.Post(ChatBodies.Simple(Quality, stream: i == 0), sessionId: $"q{i}")));
        }

        foreach (var response in await Task.WhenAll(sends))
        {
            await response.Content.ReadAsStringAsync();
            response.Dispose();
        }

        // One after the other, so that the second and third find the first's prefix in the account's prompt cache.
        for (var i = 0; i < 3; i++)
        {
            var body = $$"""{"model":"{{Oss20b}}","stream":{{(i == 2 ? "true" : "false")}},"max_tokens":16,"messages":[{"role":"system","content":"{{longSystem}}"},{"role":"user","content":"Question {{i}}?"}]}""";
            using var response = await http.SendAsync(ChatBodies.Post(body, sessionId: "cached"));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        }

        var stats = control.GetStats();
        Assert.Equal(14, stats.Totals.Requests);
        Assert.Equal(1, stats.Totals.Errors);
        Assert.True(stats.Totals.CachedTokens > 0, "the workload should have used Groq's prompt cache");

        // The ledger is written off the request path: wait until it holds as many attempts as the emulator saw.
        await Polling.UntilAsync(
            async () => (await ReadAsync(http, "key")).Sum(r => r.Requests) >= stats.Totals.Requests,
            "the usage ledger holds every attempt");

        var byKey = await ReadAsync(http, "key");
        Assert.Equal(Expected(stats.Entries.GroupBy(e => e.Key)), byKey.Select(r => r with { CostUsd = 0 }));
        var byModel = await ReadAsync(http, "model");
        Assert.Equal(Expected(stats.Entries.GroupBy(e => e.Model)), byModel.Select(r => r with { CostUsd = 0 }));

        var pricing = upstream.Gateway.Services.GetRequiredService<Grains.Usage.UsageCosts>();
        Assert.All(byModel, row =>
        {
            var seen = stats.Entries.Where(e => e.Model == row.Group).ToList();
            Assert.Equal(pricing.Cost(row.Group, seen.Sum(e => e.PromptTokens), seen.Sum(e => e.CachedTokens), seen.Sum(e => e.CompletionTokens)), row.CostUsd);
        });
        Assert.Equal(byModel.Sum(r => r.CostUsd), byKey.Sum(r => r.CostUsd));
        Assert.True(byModel.Sum(r => r.CostUsd) > 0);
    }

    private static IEnumerable<Row> Expected(IEnumerable<IGrouping<string, KeyModelStats>> groups) =>
        groups
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Row(
                g.Key,
                g.Sum(e => e.Requests),
                g.Sum(e => e.Requests - e.Served),
                g.Sum(e => e.PromptTokens),
                g.Sum(e => e.CachedTokens),
                g.Sum(e => e.CompletionTokens),
                0));

    public static async Task<IReadOnlyList<Row>> ReadAsync(HttpClient http, string groupBy)
    {
        using var response = await http.GetAsync($"admin/usage?group_by={groupBy}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(groupBy, json.RootElement.GetProperty("group_by").GetString());
        return json.RootElement.GetProperty("rows").EnumerateArray().Select(r => new Row(
            r.GetProperty("group").GetString()!,
            r.GetProperty("requests").GetInt64(),
            r.GetProperty("errors").GetInt64(),
            r.GetProperty("prompt_tokens").GetInt64(),
            r.GetProperty("cached_tokens").GetInt64(),
            r.GetProperty("completion_tokens").GetInt64(),
            r.GetProperty("cost_usd").GetDecimal())).ToList();
    }

    public sealed record Row(string Group, long Requests, long Errors, long PromptTokens, long CachedTokens, long CompletionTokens, decimal CostUsd);
}
