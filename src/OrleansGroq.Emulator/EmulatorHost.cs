using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace OrleansGroq.Emulator;

/// <summary>
/// The emulator on its own Kestrel server. It reads no configuration files or environment
/// variables, so it cannot pick up the endpoints of an application hosting it.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmulatorHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Control = app.Services.GetRequiredService<EmulatorControl>();
    }

    /// <summary>Root address, e.g. <c>http://127.0.0.1:41234/</c>; Groq's base URL is this plus <c>openai/v1</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The control API, in-process.</summary>
    public EmulatorControl Control { get; }

    /// <summary>Starts an emulator on <c>127.0.0.1:<paramref name="port"/></c> (0 picks a free port).</summary>
    /// <exception cref="InvalidOperationException">A setting is invalid; the message names it.</exception>
    public static Task<EmulatorHost> StartAsync(EmulatorOptions? options = null, TimeProvider? timeProvider = null, int port = 0, CancellationToken cancellationToken = default) =>
        StartAsync(options, timeProvider, IPAddress.Loopback, port, cancellationToken);

    internal static async Task<EmulatorHost> StartAsync(EmulatorOptions? options, TimeProvider? timeProvider, IPAddress address, int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, port);
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddGroqEmulator(options, timeProvider);

        var app = builder.Build();
        app.MapGroqEmulator();
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new EmulatorHost(app, new Uri(bound.TrimEnd('/') + "/"));
    }

    /// <summary>Stops the server and releases its port.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
