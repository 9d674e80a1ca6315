using System.Globalization;
using OrleansGroq.Abstractions.Usage;

namespace OrleansGroq.Grains.Usage;

/// <summary>The group a ledger row falls in, named as PostgreSQL's aggregation names it, so both ledgers answer alike.</summary>
internal static class UsageGroups
{
    public static string Of(UsageEntry entry, UsageGrouping grouping) => grouping switch
    {
        UsageGrouping.Tenant => entry.Tenant,
        UsageGrouping.Model => entry.Model,
        UsageGrouping.Key => entry.KeyAlias ?? UsageTotals.NoKey,
        UsageGrouping.Hour => Period(entry.OccurredAt, TimeSpan.TicksPerHour),
        _ => Period(entry.OccurredAt, TimeSpan.TicksPerDay),
    };

    private static string Period(DateTimeOffset at, long length)
    {
        var ticks = at.UtcTicks - (at.UtcTicks % length);
        return new DateTime(ticks, DateTimeKind.Utc).ToString(UsageTotals.PeriodFormat, CultureInfo.InvariantCulture);
    }
}
