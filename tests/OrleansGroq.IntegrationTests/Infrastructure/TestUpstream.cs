using OrleansGroq.Emulator;

namespace OrleansGroq.IntegrationTests.Infrastructure;

/// <summary>An emulator whose accounts hold the given keys, and a gateway configured with the same keys.</summary>
internal sealed class TestUpstream : IAsyncDisposable
{
    private TestUpstream(EmulatorHost emulator, GatewayHost gateway)
    {
        Emulator = emulator;
        Gateway = gateway;
    }

    public EmulatorHost Emulator { get; }

    public GatewayHost Gateway { get; }

    /// <param name="keys">The keys the emulator knows.</param>
    /// <param name="gatewaySettings">Extra gateway configuration, as <c>Section:Key</c> to value.</param>
    /// <param name="gatewayKeys">The keys the gateway is given, when they differ from the emulator's.</param>
    /// <param name="emulatorTime">The emulator's clock (its pacing, stalls and limits), when a test moves it.</param>
    /// <param name="gatewayServices">Services the test adds to the gateway's, e.g. an observer of upstream attempts.</param>
    /// <param name="emulatorTimeProfile">The emulator's pace (<c>zero</c> or <c>realistic</c>); by default it answers at once.</param>
    public static async Task<TestUpstream> StartAsync(
        IReadOnlyList<TestKey> keys,
        IReadOnlyDictionary<string, string>? gatewaySettings = null,
        IReadOnlyList<TestKey>? gatewayKeys = null,
        TimeProvider? emulatorTime = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? gatewayServices = null,
        string? emulatorTimeProfile = null)
    {
        var options = new EmulatorOptions
        {
            Accounts = keys.GroupBy(k => k.Account).Select(account => new AccountOptions
            {
                Id = account.Key,
                Keys = account.Select(k => new ApiKeyOptions { Alias = k.Alias, Secret = k.Secret }).ToList(),
                Limits = new() { [ChatBodies.Model] = ModelLimits.Unlimited },
            }).ToList(),
        };
        if (emulatorTimeProfile is not null)
        {
            options.TimeProfile = emulatorTimeProfile;
        }

        var emulator = await EmulatorHost.StartAsync(options, emulatorTime);
        var gateway = await GatewayHost.StartAsync(new Uri(emulator.BaseAddress, "openai/v1/"), gatewayKeys ?? keys, gatewaySettings, services: gatewayServices);
        return new TestUpstream(emulator, gateway);
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
