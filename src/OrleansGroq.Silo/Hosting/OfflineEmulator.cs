using OrleansGroq.Abstractions.Batches;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Emulator;

namespace OrleansGroq.Silo.Hosting;

/// <summary>
/// The embedded default: with no Groq key configured, the gateway serves from the built-in emulator,
/// started in-process on a loopback port, so that one command gives a working gateway with nothing to install.
/// </summary>
public static class OfflineEmulator
{
    /// <summary>
    /// Limits for a demo: per minute ten times Groq's Developer tier (1,000 RPM and 250,000–300,000 TPM there), a million
    /// requests a day and no daily token limit. A demo is never throttled, and every answer still carries Groq's headers.
    /// </summary>
    private static readonly ModelLimits DemoLimits = new() { Rpm = 10_000, Rpd = 1_000_000, Tpm = 3_000_000 };

    private static readonly (string Id, string Alias, string Secret)[] DemoAccounts =
    [
        ("emulator-org-a", "emulator-a", "gsk_emulator_offline_demo_account_a"),
        ("emulator-org-b", "emulator-b", "gsk_emulator_offline_demo_account_b"),
    ];

    private const string BatchesModeSetting = $"{BatchesOptions.SectionName}:{nameof(BatchesOptions.Mode)}";

    public static async Task<Uri?> StartWhenNoKeyAsync(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var hasKeys = configuration.GetSection(ApiKeyPoolOptions.KeysSectionName).GetChildren().Any()
            || !string.IsNullOrWhiteSpace(configuration[ApiKeyPoolOptions.SingleKeySettingName]);
        if (hasKeys)
        {
            return null;
        }

        // Every model of the gateway's catalog gets the demo limits: a model an account does not list would get Groq's
        // free tier, whose 6,000 TPM a conversation uses up in about 20 turns.
        var models = configuration.GetSection($"{ModelCatalogOptions.SectionName}:Catalog").GetChildren()
            .Select(model => model[nameof(ModelSpec.Id)])
            .OfType<string>()
            .ToList();
        var emulator = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            Accounts = [.. DemoAccounts.Select(account => new AccountOptions
            {
                Id = account.Id,
                Keys = [new Emulator.ApiKeyOptions { Alias = account.Alias, Secret = account.Secret }],
                Limits = models.ToDictionary(model => model, _ => DemoLimits),
            })],
        });
        var upstream = new Uri(emulator.BaseAddress, "openai/v1/");
        var settings = new Dictionary<string, string?> { ["Upstream:BaseUrl"] = upstream.ToString() };
        for (var i = 0; i < DemoAccounts.Length; i++)
        {
            settings[$"Groq:Keys:{i}:Alias"] = DemoAccounts[i].Alias;
            settings[$"Groq:Keys:{i}:Account"] = DemoAccounts[i].Id;
            settings[$"Groq:Keys:{i}:Secret"] = DemoAccounts[i].Secret;
        }

        // On the emulator the cluster runs batches itself unless told otherwise: the demo then shows the runner.
        if (string.IsNullOrWhiteSpace(configuration[BatchesModeSetting]))
        {
            settings[BatchesModeSetting] = nameof(BatchesMode.Cluster);
        }

        configuration.AddInMemoryCollection(settings);
        builder.Services.AddHostedService(_ => new OfflineEmulatorLifetime(emulator));
        return upstream;
    }
}
