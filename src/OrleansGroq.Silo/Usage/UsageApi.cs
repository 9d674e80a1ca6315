using Microsoft.AspNetCore.Http.HttpResults;
using OrleansGroq.Abstractions.Usage;
using OrleansGroq.Silo.Errors;

namespace OrleansGroq.Silo.Usage;

/// <summary>
/// <c>GET /admin/usage</c>: the usage ledger summed by tenant, model, key, hour or day over a span, for the admin
/// group that maps it (and guards it).
/// </summary>
public static class UsageApi
{
    public static IEndpointRouteBuilder MapUsageApi(this IEndpointRouteBuilder admin)
    {
        admin.MapGet("/usage", ReportAsync);
        return admin;
    }

    private static async Task<Results<JsonHttpResult<UsageReport>, OpenAiErrorResult>> ReportAsync(
        HttpContext context, IUsageLedger ledger, TimeProvider clock)
    {
        if (!UsageQueryReader.TryRead(context.Request.Query, clock.GetUtcNow(), out var query, out var error))
        {
            return error;
        }

        var totals = await ledger.AggregateAsync(query, context.RequestAborted);
        var rows = totals.Select(t => new UsageReportRow(
            t.Group, t.Requests, t.Errors, t.PromptTokens, t.CachedTokens, t.CompletionTokens, WithoutTrailingZeros(t.CostUsd)));
        return TypedResults.Json(
            new UsageReport(UsageQueryReader.Name(query.GroupBy), query.From.UtcDateTime, query.To.UtcDateTime, [.. rows]),
            UsageJsonContext.Default.UsageReport);
    }

    // PostgreSQL's numeric(20, 12) comes back with twelve decimals; 0.0001 reads better than 0.000100000000.
    private static decimal WithoutTrailingZeros(decimal value) => value / 1.000000000000000000000000000000000m;
}
