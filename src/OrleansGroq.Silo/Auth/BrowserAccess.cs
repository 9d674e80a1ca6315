using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using OrleansGroq.Silo.Http;

namespace OrleansGroq.Silo.Auth;

/// <summary>What web pages may do with the gateway: nothing from another site, unless its origin is listed.</summary>
public static class BrowserAccess
{
    // What a page of a listed origin may read of a response besides the CORS-safelisted headers.
    private static readonly string[] ExposedHeaders =
    [
        GatewayHeaders.RequestId, GatewayHeaders.Model, GatewayHeaders.Key, GatewayHeaders.Attempts, GatewayHeaders.OverheadMs,
        GatewayHeaders.Route, GatewayHeaders.Cascade, GatewayHeaders.Degraded, GatewayHeaders.Cache, GatewayHeaders.HistoryTrimmed,
        "retry-after", "location",
    ];

    /// <summary>Binds <c>Gateway:Cors</c>, validated at start, and makes its origins ASP.NET Core's default CORS policy.</summary>
    public static IServiceCollection AddBrowserAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BrowserOriginOptions>().Bind(configuration.GetSection(BrowserOriginOptions.SectionName))
            .Validate(
                o => o.AllowedOrigins.All(origin => BrowserOriginOptions.Normalize(origin) is not null),
                $"{BrowserOriginOptions.SectionName}:AllowedOrigins must list origins such as https://console.example.com (scheme, host and port only; no path, no wildcard).")
            .ValidateOnStart();
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<BrowserOriginOptions>>((cors, browsers) => cors.AddDefaultPolicy(policy => policy
            .WithOrigins([.. browsers.Value.AllowedOrigins.Select(o => BrowserOriginOptions.Normalize(o)!)])
            .AllowAnyHeader()
            .AllowAnyMethod()
            .WithExposedHeaders(ExposedHeaders)
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return services;
    }

    /// <summary>
    /// Refuses other sites' requests. Goes before routing, as nothing about the route changes the answer; the CORS
    /// middleware (<see cref="UseCorsForListedOrigins"/>) then answers the listed origins' preflights and marks their responses.
    /// </summary>
    public static IApplicationBuilder UseCrossSiteGuard(this IApplicationBuilder app) => app.UseMiddleware<CrossSiteGuard>();

    /// <summary>ASP.NET Core's CORS middleware, after routing; left out when no origin is listed, as the guard has refused every other one.</summary>
    public static IApplicationBuilder UseCorsForListedOrigins(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<IOptions<BrowserOriginOptions>>().Value.AllowedOrigins.Count > 0 ? app.UseCors() : app;
}
