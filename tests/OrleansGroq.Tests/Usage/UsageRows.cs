using OrleansGroq.Abstractions.Usage;

namespace OrleansGroq.Tests.Usage;

internal static class UsageRows
{
    public static readonly DateTimeOffset Start = new(2026, 12, 2, 7, 30, 0, TimeSpan.Zero);

    public static UsageEntry Row(
        int n,
        string tenant = "acme",
        string model = "llama-3.1-8b-instant",
        string? key = "k1",
        string outcome = UsageEntry.Succeeded,
        DateTimeOffset? at = null,
        long prompt = 10,
        long cached = 0,
        long completion = 5,
        decimal cost = 0.000001m) =>
        new(at ?? Start, $"req_{n}", tenant, "groq", model, key, "org_a", 200, outcome, false, prompt, cached, completion, 12.5, null, cost);
}
