using Microsoft.AspNetCore.Http.Features;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OrleansGroq.Silo.Hosting;
using OrleansGroq.Testing;

namespace OrleansGroq.IntegrationTests.Infrastructure;

/// <summary>
/// A gateway on free loopback ports, configured from the command line exactly as a deployment would be. Its whole log is
/// kept, and searched as it stops for every secret and token it was configured with: a test whose gateway logged one
/// fails.
/// </summary>
internal sealed class GatewayHost : IAsyncDisposable
{
    private static readonly string[] SecretSettings = ["Secret", "ApiKey", "Token", "Sha256"];

    private readonly WebApplication _app;
    private readonly CapturingLoggerProvider _log;
    private readonly IReadOnlyList<string> _secrets;

    private GatewayHost(WebApplication app, Uri baseAddress, CapturingLoggerProvider log, IReadOnlyList<string> secrets)
    {
        _app = app;
        _log = log;
        _secrets = secrets;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    /// <summary>A client for the gateway's own routes, e.g. <c>openai/v1/chat/completions</c>.</summary>
    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="keys">The gateway's Groq keys; none starts it on its built-in emulator, as a first run would.</param>
    /// <param name="logs">Also receives the gateway's log, from its start on.</param>
    /// <param name="mapTestRoutes">Routes a test adds beside the gateway's own, e.g. one that throws.</param>
    /// <param name="services">Services a test adds beside the gateway's own, e.g. an observer of upstream attempts.</param>
    public static async Task<GatewayHost> StartAsync(
        Uri upstream,
        IEnumerable<TestKey> keys,
        IReadOnlyDictionary<string, string>? settings = null,
        ILoggerProvider? logs = null,
        Action<WebApplication>? mapTestRoutes = null,
        Action<IServiceCollection>? services = null)
    {
        var args = new List<string>
        {
            "--urls=http://127.0.0.1:0",
            "--environment=Testing",
            $"--Upstream:BaseUrl={upstream}",
            "--Upstream:RetryBaseDelay=00:00:00.010",
            "--Logging:LogLevel:Default=Warning",

            // Its GET /models per key would count in the emulator's figures that tests assert on; the check's own tests turn it on.
            "--Upstream:CheckKeysAtStart=false",

            // Every gateway is a silo: several in one process, or beside a running gateway, need ports of their own.
            $"--Orleans:SiloPort={FreePort.Next()}",
            $"--Orleans:GatewayPort={FreePort.Next()}",
        };
        var index = 0;
        foreach (var key in keys)
        {
            var i = index++.ToString(CultureInfo.InvariantCulture);
            args.Add($"--Groq:Keys:{i}:Alias={key.Alias}");
            args.Add($"--Groq:Keys:{i}:Account={key.Account}");
            args.Add($"--Groq:Keys:{i}:Secret={key.Secret}");
        }

        args.AddRange((settings ?? new Dictionary<string, string>()).Select(s => $"--{s.Key}={s.Value}"));

        var app = await GatewayApp.CreateAsync([.. args], services);
        var log = new CapturingLoggerProvider();
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();
        loggers.AddProvider(log);
        if (logs is not null)
        {
            loggers.AddProvider(logs);
        }

        var secrets = args.Select(a => a.Split('=', 2)).Where(a => a.Length == 2 && SecretSettings.Any(s => a[0].EndsWith(s, StringComparison.OrdinalIgnoreCase)))
            .Select(a => a[1]).Where(secret => secret.Length > 0).Distinct().ToList();

        mapTestRoutes?.Invoke(app);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            // A configuration refused at start must not leave the silo's ports taken for the next test.
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new GatewayHost(app, new Uri(address.TrimEnd('/') + "/"), log, secrets);
    }

    /// <summary>Every entry the gateway has logged so far, at the levels its configuration lets through.</summary>
    public IReadOnlyCollection<string> Log => _log.Entries;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        LogSecrets.AssertNoneIn(_log.Entries, _secrets);
    }
}
