using Microsoft.AspNetCore.Http.HttpResults;
using OrleansGroq.Grains.Statistics;

namespace OrleansGroq.Silo.Statistics;

/// <summary>
/// <c>GET /admin/models</c>: per model, this silo's latency and time-to-first-token percentiles, error rate and output
/// speed over the statistics window, for the admin group that maps it (and guards it). Each silo answers for itself.
/// </summary>
public static class ModelStatisticsApi
{
    public static IEndpointRouteBuilder MapModelStatisticsApi(this IEndpointRouteBuilder admin)
    {
        admin.MapGet("/models", Read);
        return admin;
    }

    private static JsonHttpResult<ModelStatisticsList> Read(ModelStatistics statistics)
    {
        var models = statistics.Read().Select(v => new ModelStatisticsEntry(
            v.Model,
            v.Requests,
            v.Errors,
            Math.Round(v.ErrorRate, 4),
            new Percentiles(v.LatencyP50Ms, v.LatencyP95Ms),
            new Percentiles(v.TimeToFirstTokenP50Ms, v.TimeToFirstTokenP95Ms),
            v.OutputTokensPerSecond));
        return TypedResults.Json(
            new ModelStatisticsList((long)statistics.Window.TotalSeconds, [.. models]), StatisticsJsonContext.Default.ModelStatisticsList);
    }
}
