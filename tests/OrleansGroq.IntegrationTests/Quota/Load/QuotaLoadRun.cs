using System.Globalization;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;
using OrleansGroq.Testing;
using OrleansGroq.Testing.Load;

namespace OrleansGroq.IntegrationTests.Quota.Load;

/// <summary>
/// Gateway nodes on one PostgreSQL database in front of an emulator that enforces small limits on two accounts of two
/// keys each, offered a multiple of the combined RPM (and so of the TPM) at a steady rate from outside the nodes.
/// </summary>
internal static class QuotaLoadRun
{
    public const int Rpm = 120;
    public const int Tpm = 9_600;
    public const int Accounts = 2;

    // A 200-character prompt and up to 48 completion tokens: about 89 tokens a request, so that offering a multiple of
    // the RPM in requests offers more than that multiple of the TPM in tokens, and both limits are pressed.
    private static readonly string Body =
        $$"""{"model":"{{ChatBodies.Model}}","max_tokens":48,"messages":[{"role":"user","content":"{{new string('q', 200)}}"}]}""";

    private static readonly TestKey[] Keys =
    [
        .. Enumerable.Range(0, Accounts).SelectMany(a => new[]
        {
            new TestKey($"k{a}a", $"org_{a}", $"gsk_quota_load_{a}_a"),
            new TestKey($"k{a}b", $"org_{a}", $"gsk_quota_load_{a}_b"),
        }),
    ];

    public static async Task<QuotaLoadResult> RunAsync(int nodes, double load, TimeSpan duration)
    {
        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            Accounts = Keys.GroupBy(k => k.Account).Select(account => new AccountOptions
            {
                Id = account.Key,
                Keys = account.Select(k => new ApiKeyOptions { Alias = k.Alias, Secret = k.Secret }).ToList(),
                Limits = new() { [ChatBodies.Model] = new ModelLimits { Rpm = Rpm, Rpd = 1_000_000, Tpm = Tpm, Tpd = 10_000_000 } },
            }).ToList(),
        });
        var database = await PostgresServer.CreateDatabaseAsync();
        var gateways = new List<GatewayHost>();
        try
        {
            for (var i = 0; i < nodes; i++)
            {
                gateways.Add(await GatewayHost.StartAsync(new Uri(emulator.BaseAddress, "openai/v1/"), Keys, GatewaySettings(database)));
            }

            var offered = await SteadyLoad.OfferAsync([.. gateways.Select(g => g.Http)], "openai/v1/chat/completions", Body, load * Rpm * Accounts / 60, duration);
            var totals = emulator.Control.GetStats().Totals;

            // Buckets start full and then refill for the duration: the most a perfect cluster could have had served, on
            // whichever limit binds.
            var windows = 1 + duration.TotalMinutes;
            var tokens = totals.PromptTokens - totals.CachedTokens + totals.CompletionTokens;
            var utilization = Math.Max(totals.Served / (Accounts * Rpm * windows), tokens / (Accounts * Tpm * windows));
            return new QuotaLoadResult(nodes, load, totals.RateLimited, utilization, offered.Sent, offered.Served, offered.RejectedWithRetryAfter, offered.Lost);
        }
        finally
        {
            foreach (var gateway in gateways)
            {
                await gateway.DisposeAsync();
            }

            await PostgresServer.DropDatabaseAsync(database);
        }
    }

    private static Dictionary<string, string> GatewaySettings(string database)
    {
        var settings = new Dictionary<string, string> { ["ConnectionStrings:Postgres"] = database };
        for (var a = 0; a < Accounts; a++)
        {
            settings[$"Quota:Accounts:org_{a}:{ChatBodies.Model}:Rpm"] = Rpm.ToString(CultureInfo.InvariantCulture);
            settings[$"Quota:Accounts:org_{a}:{ChatBodies.Model}:Tpm"] = Tpm.ToString(CultureInfo.InvariantCulture);
        }

        return settings;
    }
}
