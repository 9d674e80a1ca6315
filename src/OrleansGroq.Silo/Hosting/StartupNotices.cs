using OrleansGroq.Silo.Auth;

namespace OrleansGroq.Silo.Hosting;

/// <summary>Says at startup, once and plainly, which of the embedded defaults are in force.</summary>
internal sealed partial class StartupNotices(ILogger<StartupNotices> logger, ClientAuthenticator authenticator, OfflineUpstream offline) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (offline.EmulatorBaseUrl is { } url)
        {
            LogServingFromEmulator(url);
        }

        if (authenticator.LoopbackOnly)
        {
            LogLoopbackOnly();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1, LogLevel.Warning, "No Groq API key is configured (GROQ_API_KEY or Groq:Keys): serving from the built-in Groq emulator at {Url}. Answers are synthetic.")]
    private partial void LogServingFromEmulator(Uri url);

    [LoggerMessage(2, LogLevel.Warning, "No client tokens are configured (Gateway:Auth:Tokens): accepting requests from loopback clients only.")]
    private partial void LogLoopbackOnly();
}
