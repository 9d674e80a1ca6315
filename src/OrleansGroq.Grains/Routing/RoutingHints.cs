using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using OrleansGroq.Abstractions.Routing;

namespace OrleansGroq.Grains.Routing;

/// <summary>
/// What a client said about the model it wants through the routing headers. A struct, parsed without allocating,
/// because every chat request carries one.
/// </summary>
/// <param name="MaxLatencyMs">The latency budget, if given.</param>
/// <param name="Needs">Capabilities the request needs beyond what its body shows; strict JSON includes JSON.</param>
/// <param name="CostSensitive">Whether the client prefers the cheapest capable model.</param>
public readonly record struct RoutingHints(int? MaxLatencyMs, ModelCapabilities Needs, bool CostSensitive)
{
    private const string AcceptedNeeds = "tools, json, strict_json, vision, reasoning";

    /// <summary>
    /// Parses the three header values; absent or blank values mean no hint. Values are case-insensitive and may carry
    /// spaces; empty items in the needs list are ignored. On failure <paramref name="error"/> names the header and the
    /// values it accepts, fit for a 400.
    /// </summary>
    public static bool TryParse(
        string? maxLatencyMs, string? needs, string? costSensitive, out RoutingHints hints, [NotNullWhen(false)] out string? error)
    {
        hints = default;
        if (!TryParseLatency(maxLatencyMs, out var latency))
        {
            error = $"The {RoutingHeaders.MaxLatencyMs} header must be a whole number of milliseconds above 0.";
            return false;
        }

        if (!TryParseNeeds(needs, out var capabilities))
        {
            error = $"The {RoutingHeaders.Needs} header must be a comma-separated list of: {AcceptedNeeds}.";
            return false;
        }

        if (!TryParseFlag(costSensitive, out var cost))
        {
            error = $"The {RoutingHeaders.CostSensitive} header must be true or false (or 1 or 0).";
            return false;
        }

        hints = new RoutingHints(latency, capabilities, cost);
        error = null;
        return true;
    }

    private static bool TryParseLatency(string? value, out int? latency)
    {
        latency = null;
        var text = value.AsSpan().Trim();
        if (text.IsEmpty)
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds > 0)
        {
            latency = milliseconds;
            return true;
        }

        return false;
    }

    private static bool TryParseNeeds(string? value, out ModelCapabilities needs)
    {
        needs = ModelCapabilities.None;
        var text = value.AsSpan();
        foreach (var range in text.Split(','))
        {
            var item = text[range].Trim();
            if (item.IsEmpty)
            {
                continue;
            }

            var need = Need(item);
            if (need == ModelCapabilities.None)
            {
                return false;
            }

            needs |= need;
        }

        return true;
    }

    private static ModelCapabilities Need(ReadOnlySpan<char> item) =>
        item.Equals("tools", StringComparison.OrdinalIgnoreCase) ? ModelCapabilities.Tools
        : item.Equals("json", StringComparison.OrdinalIgnoreCase) ? ModelCapabilities.Json
        : item.Equals("strict_json", StringComparison.OrdinalIgnoreCase) ? ModelCapabilities.StrictJson | ModelCapabilities.Json
        : item.Equals("vision", StringComparison.OrdinalIgnoreCase) ? ModelCapabilities.Vision
        : item.Equals("reasoning", StringComparison.OrdinalIgnoreCase) ? ModelCapabilities.Reasoning
        : ModelCapabilities.None;

    private static bool TryParseFlag(string? value, out bool flag)
    {
        var text = value.AsSpan().Trim();
        flag = text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.SequenceEqual("1");
        return flag || text.IsEmpty || text.Equals("false", StringComparison.OrdinalIgnoreCase) || text.SequenceEqual("0");
    }
}
