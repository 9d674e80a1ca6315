using Microsoft.Extensions.AI;
using OrleansGroq.Client;

namespace OrleansGroq.Sample;

/// <summary>The one place the sample chooses how it reaches the gateway.</summary>
internal static class SampleServiceCollectionExtensions
{
    /// <summary>
    /// <c>OrleansGroq:Mode</c> <c>Http</c> (the default) calls the gateway's HTTP API at <c>OrleansGroq:Endpoint</c>
    /// (or <c>OrleansGroq:Endpoints</c>); <c>Cluster</c> joins the gateway's cluster as an Orleans client, found in
    /// the PostgreSQL database at <c>OrleansGroq:ConnectionString</c>. Either way the service gets an
    /// <see cref="IChatClient"/> that calls tools, and an <see cref="IConversationClient"/>.
    /// </summary>
    public static IServiceCollection AddOrleansGroqClient(this IServiceCollection services, IConfigurationSection section)
    {
        var mode = section["Mode"] ?? "Http";
        var builder = mode switch
        {
            "Http" => services.AddOrleansGroqChatClient(section.Bind),
            "Cluster" => services.AddOrleansGroqClusterClient(section.Bind),
            _ => throw new InvalidOperationException($"{section.Path}:Mode must be 'Http' or 'Cluster'; '{mode}' is not supported."),
        };
        builder.UseFunctionInvocation();
        return services;
    }
}
