using System.Text.Json;

namespace OrleansGroq.Benchmarks.Hosting;

/// <summary>The emulator and gateway processes a scenario runs against, started the same way by every scenario.</summary>
internal static class BenchmarkServices
{
    public const string Model = "llama-3.1-8b-instant";

    /// <summary>One account with one key and no limits: the emulator never throttles. <paramref name="timeProfile"/> is <c>zero</c> or <c>realistic</c>.</summary>
    public static string SingleKeyConfig(string secret, string timeProfile = "zero") => JsonSerializer.Serialize(new
    {
        time_profile = timeProfile,
        accounts = new[]
        {
            new
            {
                id = "org_bench",
                keys = new[] { new { alias = "bench-1", secret } },
                limits = new Dictionary<string, object> { [Model] = new { rpm = 0, rpd = 0, tpm = 0, tpd = 0 } },
            },
        },
    });

    /// <summary>The gateway settings for <see cref="SingleKeyConfig"/>'s key.</summary>
    public static Dictionary<string, string> SingleKeySettings(string secret) => new()
    {
        ["Groq__Keys__0__Alias"] = "bench-1",
        ["Groq__Keys__0__Account"] = "org_bench",
        ["Groq__Keys__0__Secret"] = secret,
    };

    /// <summary>Starts the emulator with a configuration, which is written to a file only while the emulator reads it.</summary>
    public static async Task<ServiceProcess> StartEmulatorAsync(string configJson)
    {
        var config = Path.Combine(Path.GetTempPath(), $"orleansgroq-bench-{Environment.ProcessId}-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(config, configJson);
        try
        {
            return await ServiceProcess.StartAsync("OrleansGroq.Emulator", ["--port", "{port}", "--config", config], "openai/v1/models");
        }
        finally
        {
            File.Delete(config);
        }
    }

    /// <summary>
    /// Starts a Release gateway in front of <paramref name="emulator"/> (reached through <paramref name="via"/> when given:
    /// a proxy to it), logging warnings only. Each is a silo with ports of its own (the silo port may be chosen in
    /// <paramref name="settings"/>, to find the process behind a silo address); gateways given the same connection
    /// string form one cluster.
    /// </summary>
    public static Task<ServiceProcess> StartGatewayAsync(ServiceProcess emulator, IReadOnlyDictionary<string, string> settings, Uri? via = null)
    {
        var environment = new Dictionary<string, string>(settings)
        {
            ["Upstream__BaseUrl"] = new Uri(via ?? emulator.BaseAddress, "openai/v1/").ToString(),
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__OrleansGroq"] = "Warning",
            ["Orleans__GatewayPort"] = ServiceProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        environment.TryAdd("Orleans__SiloPort", ServiceProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        return ServiceProcess.StartAsync("OrleansGroq.Silo", ["--urls", "http://127.0.0.1:{port}"], "health/live", environment);
    }
}
