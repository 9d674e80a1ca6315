using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Emulator;

namespace OrleansGroq.Silo.Hosting;

/// <summary>
/// The embedded default: with no Groq key configured, the gateway serves from the built-in emulator,
/// started in-process on a loopback port, so that one command gives a working gateway with nothing to install.
/// </summary>
public static class OfflineEmulator
{
    public static async Task<Uri?> StartWhenNoKeyAsync(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var hasKeys = configuration.GetSection(ApiKeyPoolOptions.KeysSectionName).GetChildren().Any()
            || !string.IsNullOrWhiteSpace(configuration[ApiKeyPoolOptions.SingleKeySettingName]);
        if (hasKeys)
        {
            return null;
        }

        var emulator = await EmulatorHost.StartAsync();
        var upstream = new Uri(emulator.BaseAddress, "openai/v1/");
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = upstream.ToString(),
            ["Groq:Keys:0:Alias"] = "emulator-a",
            ["Groq:Keys:0:Account"] = "emulator-org-a",
            ["Groq:Keys:0:Secret"] = "gsk_emulator_offline_demo_account_a",
            ["Groq:Keys:1:Alias"] = "emulator-b",
            ["Groq:Keys:1:Account"] = "emulator-org-b",
            ["Groq:Keys:1:Secret"] = "gsk_emulator_offline_demo_account_b",
        });
        builder.Services.AddHostedService(_ => new OfflineEmulatorLifetime(emulator));
        return upstream;
    }
}
