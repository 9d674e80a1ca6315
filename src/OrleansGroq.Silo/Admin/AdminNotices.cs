namespace OrleansGroq.Silo.Admin;

/// <summary>Says at startup, once and plainly, when the admin routes run on their embedded default.</summary>
internal sealed partial class AdminNotices(ILogger<AdminNotices> logger, AdminAuthenticator authenticator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (authenticator.LoopbackOnly)
        {
            LogLoopbackOnly();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 3001, EventName = "AdminLoopbackOnly", Level = LogLevel.Warning,
        Message = "No admin token is configured (Gateway:Admin:TokenSha256): the admin routes answer loopback callers only.")]
    private partial void LogLoopbackOnly();
}
