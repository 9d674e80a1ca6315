using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Silo.Admin;
using OrleansGroq.Silo.Health;

namespace OrleansGroq.Silo.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The standard variable that turns on OTLP export (traces and metrics).</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Registers the gateway's metrics (exported for Prometheus at <c>/metrics</c>, with Orleans' own), the observers
    /// of LLM attempts, the per-request records, the start-up key check and the upstream's readiness. Traces are
    /// collected only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, so that without a collector no span is made.
    /// Call after the keys are registered: their outcomes are wrapped to be counted.
    /// </summary>
    public static IServiceCollection AddGatewayTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton<UpstreamReachability>();
        services.AddSingleton<IUpstreamAttemptObserver>(sp => sp.GetRequiredService<UpstreamReachability>());
        services.AddSingleton<UpstreamAttempts>();
        services.AddSingleton<RecentRequests>();
        services.AddSingleton<RequestRecorder>();
        services.AddSingleton<GatewayGauges>();
        services.AddHostedService<UpstreamKeyCheck>();
        services.AddHealthChecks().AddCheck<UpstreamReachability>("upstream");

        var outcomes = services.Last(d => d.ServiceType == typeof(IApiKeyOutcomes) && !d.IsKeyedService);
        services.Remove(outcomes);
        services.AddSingleton<IApiKeyOutcomes>(sp => new MeteredKeyOutcomes(
            (IApiKeyOutcomes)ActivatorUtilities.CreateInstance(sp, outcomes.ImplementationType!),
            sp.GetRequiredService<IApiKeyPool>(),
            sp.GetRequiredService<GatewayMetrics>(),
            sp.GetRequiredService<TimeProvider>()));

        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(GatewayTelemetry.Name))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(GatewayTelemetry.Meters).AddPrometheusExporter();

                // Meters are found by name in the whole process: where several gateways share one (tests, an in-process
                // cluster), each exports the instruments its own meter factory made, and the process-wide ones (Orleans').
                ((IDeferredMeterProviderBuilder)metrics).Configure((provider, builder) =>
                {
                    var own = provider.GetRequiredService<IMeterFactory>();
                    builder.AddView(instrument => instrument.Meter.Scope is IMeterFactory other && other != own ? MetricStreamConfiguration.Drop : null);
                });
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing.AddSource(GatewayTelemetry.TraceSources).AddOtlpExporter());
        }

        return services;
    }

    /// <summary>Serves the metrics as Prometheus text at <c>GET /metrics</c>, under the admin rules.</summary>
    public static IEndpointRouteBuilder MapGatewayMetrics(this IEndpointRouteBuilder app)
    {
        // The gauges join the meter as they are made: make them before the first collection.
        app.ServiceProvider.GetRequiredService<GatewayGauges>();
        AdminAuthFilter.RequireAdmin(app.MapPrometheusScrapingEndpoint("/metrics"));
        return app;
    }
}
