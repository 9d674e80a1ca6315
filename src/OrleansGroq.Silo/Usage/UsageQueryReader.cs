using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using OrleansGroq.Abstractions.Usage;
using OrleansGroq.Grains.Chat;
using OrleansGroq.Silo.Errors;

namespace OrleansGroq.Silo.Usage;

/// <summary>
/// Reads the query string of <c>GET /admin/usage</c>: <c>tenant</c>, <c>model</c>, <c>from</c>, <c>to</c> (ISO 8601;
/// without an offset, UTC) and <c>group_by</c>. An empty value means the parameter is not given. Without <c>to</c>
/// the span ends now; without <c>from</c> it starts a day before its end; without <c>group_by</c> rows are by model.
/// </summary>
internal static class UsageQueryReader
{
    private static readonly TimeSpan DefaultSpan = TimeSpan.FromDays(1);
    private static readonly string[] Known = ["tenant", "model", "from", "to", "group_by"];

    public static bool TryRead(IQueryCollection query, DateTimeOffset now, [NotNullWhen(true)] out UsageQuery? usage, [NotNullWhen(false)] out OpenAiErrorResult? error)
    {
        usage = null;
        if (Unknown(query) is { } problem)
        {
            error = problem;
            return false;
        }

        if (!TryGrouping(Value(query, "group_by"), out var grouping))
        {
            error = GatewayErrors.InvalidRequest("'group_by' must be one of: tenant, model, key, hour, day.", "group_by", "invalid_value");
            return false;
        }

        if (!TryInstant(query, "to", out var to))
        {
            error = NotAnInstant("to");
            return false;
        }

        if (!TryInstant(query, "from", out var from))
        {
            error = NotAnInstant("from");
            return false;
        }

        var end = to ?? new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var start = from ?? end - DefaultSpan;
        if (start >= end)
        {
            error = GatewayErrors.InvalidRequest("'from' must be before 'to'.", "from", "invalid_value");
            return false;
        }

        usage = new UsageQuery(Value(query, "tenant"), Value(query, "model"), start, end, grouping);
        error = null;
        return true;
    }

    /// <summary>The name <c>group_by</c> takes for a grouping.</summary>
    public static string Name(UsageGrouping grouping) => grouping switch
    {
        UsageGrouping.Tenant => "tenant",
        UsageGrouping.Model => "model",
        UsageGrouping.Key => "key",
        UsageGrouping.Hour => "hour",
        _ => "day",
    };

    private static OpenAiErrorResult? Unknown(IQueryCollection query)
    {
        foreach (var (name, values) in query)
        {
            if (!Known.Contains(name, StringComparer.Ordinal))
            {
                var echoed = EchoText.Truncate(name);
                return GatewayErrors.InvalidRequest($"Unrecognized query parameter: '{echoed}'.", echoed, "unknown_parameter");
            }

            if (values.Count > 1)
            {
                return GatewayErrors.InvalidRequest($"'{name}' is given more than once.", name, "duplicate_parameter");
            }
        }

        return null;
    }

    private static OpenAiErrorResult NotAnInstant(string name) =>
        GatewayErrors.InvalidRequest($"'{name}' must be an ISO 8601 date and time, e.g. 2026-12-02T00:00:00Z.", name, "invalid_value");

    private static string? Value(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

    private static bool TryGrouping(string? value, out UsageGrouping grouping)
    {
        grouping = value switch
        {
            null or "model" => UsageGrouping.Model,
            "tenant" => UsageGrouping.Tenant,
            "key" => UsageGrouping.Key,
            "hour" => UsageGrouping.Hour,
            "day" => UsageGrouping.Day,
            _ => (UsageGrouping)(-1),
        };
        return Enum.IsDefined(grouping);
    }

    private static bool TryInstant(IQueryCollection query, string name, out DateTimeOffset? instant)
    {
        instant = null;
        if (Value(query, name) is not { } text)
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            instant = parsed;
            return true;
        }

        return false;
    }
}
