using OrleansGroq.Grains.Upstream;

namespace OrleansGroq.Silo.Http;

/// <summary>Picks Groq's usage out of a relayed stream (it rides on the last chunks), so the reservation can be settled.</summary>
public sealed class SseUsageObserver : ISseObserver
{
    public UsageCounts? Usage { get; private set; }

    public void OnData(ReadOnlySpan<byte> json)
    {
        // Only the closing chunks carry usage; the content chunks are passed over without being parsed.
        if (json.IndexOf("\"usage\""u8) >= 0 && UsageReader.TryRead(json, out var usage))
        {
            Usage = usage;
        }
    }
}
