namespace OrleansGroq.Emulator;

/// <summary>A snapshot of the emulator's counters, as <c>GET /_emulator/stats</c> returns them.</summary>
public sealed record EmulatorStats
{
    /// <summary>One entry per key alias and model, ordered by key then model.</summary>
    public required IReadOnlyList<KeyModelStats> Entries { get; init; }

    /// <summary>Sums over all entries.</summary>
    public required KeyModelStats Totals { get; init; }

    /// <summary>Requests refused with 401 (no key to attribute them to).</summary>
    public long Unauthorized { get; init; }

    /// <summary>The entry for a key alias and model, or zeros when there is none.</summary>
    public KeyModelStats For(string key, string model) =>
        Entries.FirstOrDefault(e => e.Key == key && e.Model == model) ?? new KeyModelStats { Key = key, Model = model };
}
