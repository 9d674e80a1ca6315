using System.ComponentModel;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.Hosting.Kubernetes;
using OrleansGroq.Abstractions.Gateway;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Persistence.PostgreSql;
using OrleansGroq.Silo.Cluster;
using OrleansGroq.Silo.Hosting;

namespace OrleansGroq.IntegrationTests.Deploy;

/// <summary>
/// The settings the gateway reads, from the code itself: every options class with a <c>SectionName</c> in the gateway's
/// assemblies, bound by the configuration binder, plus the few settings read one by one. A setting binds when the
/// binder, told to fail on anything it cannot place, takes its name and value.
/// </summary>
internal static class GatewaySettings
{
    private static readonly Assembly[] GatewayAssemblies =
        [typeof(UpstreamOptions).Assembly, typeof(GatewayApp).Assembly, typeof(PostgreSqlServiceCollectionExtensions).Assembly, typeof(OrleansGroq.Grains.Routing.ModelCatalog).Assembly];

    // Sections read without an options class of the gateway's own: by SiloConfiguration and ApiKeyPoolConfiguration.
    private static readonly (string Section, Type Type)[] OtherSections =
    [
        ($"{SiloHostOptions.SectionName}:GrainCollection", typeof(GrainCollectionOptions)),
        (ApiKeyPoolOptions.KeysSectionName, typeof(List<ApiKeyOptions>)),
        ("Logging:LogLevel", typeof(Dictionary<string, Microsoft.Extensions.Logging.LogLevel>)),
    ];

    // Single settings, with the type their value must convert to.
    private static readonly Dictionary<string, Type> Singles = new(StringComparer.OrdinalIgnoreCase)
    {
        [ApiKeyPoolOptions.SingleKeySettingName] = typeof(string),
        [ApiKeyPoolOptions.SubscriptionRenewalSettingName] = typeof(TimeSpan),
        [$"ConnectionStrings:{PostgreSqlServiceCollectionExtensions.ConnectionStringName}"] = typeof(string),
        ["Urls"] = typeof(string),

        // The ASP.NET Core images' default port, which the Dockerfile clears so that Urls alone decides.
        ["ASPNETCORE_HTTP_PORTS"] = typeof(string),

        // Read by Microsoft.Orleans.Hosting.Kubernetes from the environment.
        [KubernetesHostingOptions.PodNameEnvironmentVariable] = typeof(string),
        [KubernetesHostingOptions.PodNamespaceEnvironmentVariable] = typeof(string),
        [KubernetesHostingOptions.PodIPEnvironmentVariable] = typeof(string),
    };

    private static readonly List<(string Section, Type Type)> Sections =
    [
        .. GatewayAssemblies.SelectMany(a => a.GetTypes())
            .Select(t => (Type: t, Field: t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)))
            .Where(t => t.Field is { IsLiteral: true } && t.Field.FieldType == typeof(string))
            .Select(t => ((string)t.Field!.GetRawConstantValue()!, t.Type)),
        .. OtherSections,
    ];

    /// <summary>Why the environment variable <paramref name="name"/> with <paramref name="value"/> binds to no setting; null when it binds.</summary>
    public static string? Problem(string name, string value)
    {
        var key = name.Replace("__", ":", StringComparison.Ordinal);
        if (Singles.TryGetValue(key, out var single))
        {
            return value.Length == 0 || TypeDescriptor.GetConverter(single).IsValid(value) ? null : $"{name}={value}: not a {single.Name}";
        }

        var (section, type) = Sections
            .Where(s => key.StartsWith(s.Section + ":", StringComparison.OrdinalIgnoreCase))
            .MaxBy(s => s.Section.Length);
        if (type is null)
        {
            return $"{name}: no options class reads section {key.Split(':')[0]}";
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build();
        try
        {
            configuration.GetSection(section).Get(type, binder => binder.ErrorOnUnknownConfiguration = true);
            return null;
        }
        catch (InvalidOperationException e)
        {
            return $"{name}={value}: {e.Message}";
        }
    }

    /// <summary>The shutdown settings a set of variables gives, defaults where they set none.</summary>
    public static Silo.Shutdown.ShutdownOptions Shutdown(IReadOnlyDictionary<string, string> environment) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(environment.Select(e => new KeyValuePair<string, string?>(e.Key.Replace("__", ":", StringComparison.Ordinal), e.Value)))
            .Build()
            .GetSection(Silo.Shutdown.ShutdownOptions.SectionName)
            .Get<Silo.Shutdown.ShutdownOptions>() ?? new();
}
