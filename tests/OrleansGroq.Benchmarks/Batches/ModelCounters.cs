using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansGroq.Benchmarks.Batches;

/// <summary>The emulator's chat counters for one model, summed over its keys (<c>GET /_emulator/stats</c>).</summary>
internal sealed record ModelCounters(long Requests, long Served, long RateLimited, long Errors)
{
    public static async Task<ModelCounters> ReadAsync(HttpClient emulator, string model)
    {
        var stats = await emulator.GetFromJsonAsync<JsonElement>("_emulator/stats");
        var entries = stats.GetProperty("entries").EnumerateArray().Where(e => e.GetProperty("model").GetString() == model).ToList();
        return new ModelCounters(
            entries.Sum(e => e.GetProperty("requests").GetInt64()),
            entries.Sum(e => e.GetProperty("served").GetInt64()),
            entries.Sum(e => e.GetProperty("rate_limited").GetInt64()),
            entries.Sum(e => e.GetProperty("errors").GetInt64() + e.GetProperty("too_large").GetInt64()));
    }

    /// <summary>What changed since <paramref name="before"/>.</summary>
    public ModelCounters Since(ModelCounters before) =>
        new(Requests - before.Requests, Served - before.Served, RateLimited - before.RateLimited, Errors - before.Errors);
}
