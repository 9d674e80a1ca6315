using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Grains.Routing;
using static OrleansGroq.Tests.Routing.RoutingFixtures;

namespace OrleansGroq.Tests.Routing;

public sealed class RoutingOptionsTests
{
    [Fact]
    public void The_defaults_follow_the_seeds()
    {
        var options = new RoutingOptions();

        Assert.Equal((8192, 100, 0.1, false), (options.LongContextTokens, options.LowLatencyMs, options.HeadroomThreshold, options.AllowFallbackForExplicitModels));
        Assert.Empty(options.Fallbacks);
        var rules = options.RuleModels;
        Assert.Equal(
            [Scout, Fast, Versatile, OssSmall, OssLarge, Versatile, Fast],
            [rules.Vision, rules.Fast, rules.LongContext, rules.StrictJson, rules.Reasoning, rules.ToolsJson, rules.Default]);
    }

    [Fact]
    public void The_default_rule_models_are_in_the_shipped_catalog()
    {
        using var services = Services();

        var router = services.GetRequiredService<ModelRouter>();

        Assert.Equal(Fast, router.Route(Request("auto")).Primary?.Id);
        Assert.Equal(Scout, router.Route(Request("vision")).Primary?.Id);
    }

    [Fact]
    public void Settings_bind_from_the_routing_section_including_fallbacks_keyed_by_ids_with_slashes()
    {
        using var services = Services(
            ("Routing:LongContextTokens", "4000"),
            ("Routing:LowLatencyMs", "250"),
            ("Routing:HeadroomThreshold", "0.25"),
            ("Routing:AllowFallbackForExplicitModels", "true"),
            ("Routing:Fallbacks:openai/gpt-oss-120b", "openai/gpt-oss-20b"),
            ("Routing:RuleModels:Default", "quality"));

        var options = services.GetRequiredService<IOptions<RoutingOptions>>().Value;

        Assert.Equal((4000, 250, 0.25, true), (options.LongContextTokens, options.LowLatencyMs, options.HeadroomThreshold, options.AllowFallbackForExplicitModels));
        Assert.Equal(OssSmall, options.Fallbacks[OssLarge]);
        Assert.Equal(Versatile, services.GetRequiredService<ModelRouter>().Route(Request("auto")).Primary?.Id);
    }

    [Fact]
    public void Bad_settings_stop_the_start_naming_every_one()
    {
        using var services = Services(
            ("Routing:LongContextTokens", "0"),
            ("Routing:LowLatencyMs", "-1"),
            ("Routing:LatencyMinSamples", "-1"),
            ("Routing:HeadroomThreshold", "1.5"),
            ("Routing:RuleModels:Vision", Fast),
            ("Routing:RuleModels:Fast", "gpt-4o"),
            ("Routing:RuleModels:Default", Whisper),
            ("Routing:RuleModels:StrictJson", Versatile),
            ("Routing:Fallbacks:gpt-4o", Fast),
            ("Routing:Fallbacks:llama-3.3-70b-versatile", Versatile),
            ("Routing:Fallbacks:llama-3.1-8b-instant", Compound),
            ("Routing:Fallbacks:openai/gpt-oss-20b", "nope"));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RoutingOptions>>().Value);

        Assert.Equal(12, error.Failures.Count());
        Assert.All(
            [
                "Routing:LongContextTokens ", "Routing:LowLatencyMs ", "Routing:LatencyMinSamples ", "Routing:HeadroomThreshold ",
                $"Routing:RuleModels:Vision names '{Fast}'", "Routing:RuleModels:Fast names 'gpt-4o'",
                $"Routing:RuleModels:Default names '{Whisper}'", $"Routing:RuleModels:StrictJson names '{Versatile}'",
                "Routing:Fallbacks:gpt-4o: ", "Routing:Fallbacks:llama-3.3-70b-versatile names the model itself",
                $"Routing:Fallbacks:llama-3.1-8b-instant names '{Compound}'", "Routing:Fallbacks:openai/gpt-oss-20b names 'nope'",
            ],
            start => Assert.Contains(error.Failures, f => f.StartsWith(start, StringComparison.Ordinal)));
    }

    [Fact]
    public void A_router_built_by_hand_refuses_bad_options_too()
    {
        var options = new RoutingOptions { RuleModels = { Reasoning = Versatile } };

        var error = Assert.Throws<OptionsValidationException>(() => Router(options: options));

        Assert.StartsWith("Routing:RuleModels:Reasoning ", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Routing_does_not_register_headroom()
    {
        var services = new ServiceCollection().AddOrleansGroqRouting(new ConfigurationBuilder().Build());

        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IModelHeadroom));
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IModelLatency));
        Assert.Contains(services, d => d.ServiceType == typeof(ModelRouter) && d.Lifetime == ServiceLifetime.Singleton);
    }

    // Over the shipped appsettings.json, so that the defaults are checked against the real catalog.
    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(ShippedAppSettings())
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return new ServiceCollection()
            .AddSingleton<IModelHeadroom, FakeModelHeadroom>()
            .AddSingleton<IModelLatency, FakeModelLatency>()
            .AddOrleansGroqRouting(configuration)
            .Configure<ModelCatalogOptions>(configuration.GetSection(ModelCatalogOptions.SectionName))
            .BuildServiceProvider();
    }

    // The test runs from bin/; the shipped catalog is src/OrleansGroq.Silo/appsettings.json up the tree.
    private static string ShippedAppSettings()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "src", "OrleansGroq.Silo", "appsettings.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("src/OrleansGroq.Silo/appsettings.json was not found above the test directory.");
    }
}
