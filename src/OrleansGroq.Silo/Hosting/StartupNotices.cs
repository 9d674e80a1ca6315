using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OrleansGroq.Persistence.PostgreSql;
using OrleansGroq.Silo.Auth;

namespace OrleansGroq.Silo.Hosting;

/// <summary>Says at startup, once and plainly, where clients reach the gateway and which of the embedded defaults are in force.</summary>
internal sealed partial class StartupNotices(
    ILogger<StartupNotices> logger,
    ClientAuthenticator authenticator,
    OfflineUpstream offline,
    IConfiguration configuration,
    IServer server,
    IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (offline.EmulatorBaseUrl is not null)
        {
            LogServingFromEmulator();
        }

        if (authenticator.LoopbackOnly)
        {
            LogLoopbackOnly();
        }

        if (string.IsNullOrWhiteSpace(configuration.GetConnectionString(PostgreSqlServiceCollectionExtensions.ConnectionStringName)))
        {
            LogInMemoryOnly();
        }

        // The server binds after the hosted services have started: only then is a port of 0 known.
        lifetime.ApplicationStarted.Register(LogClientUrls);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The root a client on this machine uses for a listening address: a wildcard host becomes <c>localhost</c>.</summary>
    internal static string ClientRoot(string address)
    {
        // Kestrel reports http://+:8080 and http://*:8080 as configured, which Uri does not parse.
        var text = address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            return address.TrimEnd('/');
        }

        var root = new UriBuilder(uri) { Path = "" };
        if (uri.Host is "0.0.0.0" or "[::]")
        {
            root.Host = "localhost";
        }

        return root.Uri.GetLeftPart(UriPartial.Authority);
    }

    private void LogClientUrls()
    {
        foreach (var address in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
        {
            var root = ClientRoot(address);
            LogClientUrl(root + "/openai/v1", root);
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "No Groq API key is configured (GROQ_API_KEY or Groq:Keys): answers come from the built-in Groq emulator and are synthetic.")]
    private partial void LogServingFromEmulator();

    [LoggerMessage(2, LogLevel.Warning, "No client tokens are configured (Gateway:Auth:Tokens): accepting requests from loopback clients only.")]
    private partial void LogLoopbackOnly();

    [LoggerMessage(3, LogLevel.Information, "Clients use {OpenAiBaseUrl} as the base URL of OpenAI SDKs (/v1 works too), and {GroqBaseUrl} for groq-sdk, which adds /openai/v1 itself.")]
    private partial void LogClientUrl(string openAiBaseUrl, string groqBaseUrl);

    [LoggerMessage(4, LogLevel.Warning, "No database is configured (ConnectionStrings:Postgres): conversations, key cooldowns and quota state live in this process's memory only and are lost when it stops.")]
    private partial void LogInMemoryOnly();
}
