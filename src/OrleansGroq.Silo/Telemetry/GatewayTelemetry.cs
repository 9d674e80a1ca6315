using System.Diagnostics;

namespace OrleansGroq.Silo.Telemetry;

/// <summary>
/// The gateway's telemetry names: its one <see cref="ActivitySource"/> and its meter, and the other libraries' sources
/// and meters exported with them. An activity is created only while a listener (a tracer provider) is attached.
/// </summary>
public static class GatewayTelemetry
{
    public const string Name = "OrleansGroq";

    public static readonly ActivitySource Source = new(Name);

    /// <summary>The gateway's spans (grain calls included) and HttpClient's upstream calls, for one tree per request.</summary>
    public static readonly string[] TraceSources = [Name, "System.Net.Http"];

    /// <summary>The gateway's instruments and Orleans' own.</summary>
    public static readonly string[] Meters = [Name, "Microsoft.Orleans"];
}
