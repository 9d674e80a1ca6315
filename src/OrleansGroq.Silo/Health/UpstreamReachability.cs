using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansGroq.Silo.Telemetry;

namespace OrleansGroq.Silo.Health;

/// <summary>
/// Whether the upstream can be reached, from the start-up check of the keys and from every LLM attempt since: one
/// that got an answer (any status) says yes, one that could not connect or timed out says no. Readiness reports the
/// upstream unreachable after <see cref="FailuresToReport"/> such failures in a row, so one lost connection does not make
/// it flap; as the gateway still answers (from the backup provider or local logic), it reports it as degraded rather
/// than taking the node out of service. Each failed attempt is also a warning in the log.
/// </summary>
public sealed partial class UpstreamReachability(ILogger<UpstreamReachability> logger) : IUpstreamAttemptObserver, IHealthCheck
{
    public const int FailuresToReport = 2;

    private int _failuresInARow;
    private string? _lastFailure;

    public void OnAttempt(UpstreamAttemptRecord attempt)
    {
        switch (attempt.Outcome)
        {
            case "unreachable" or "timeout":
                LogAttemptFailed(attempt.RequestId, attempt.Provider, attempt.RequestModel, attempt.KeyAlias, attempt.Outcome, attempt.Duration.TotalMilliseconds);
                Failed($"{attempt.Provider}:{attempt.RequestModel} {attempt.Outcome}");
                break;
            case not ("circuit_open" or "rate_limited" or "quota_exhausted" or "too_large" or "no_usable_key"):
                // Anything else got an answer from the upstream, whatever its status.
                Reached();
                break;
        }
    }

    /// <summary>An answer came back.</summary>
    public void Reached() => Volatile.Write(ref _failuresInARow, 0);

    /// <summary>No answer came back.</summary>
    public void Failed(string what)
    {
        _lastFailure = what;
        Interlocked.Increment(ref _failuresInARow);
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failures = Volatile.Read(ref _failuresInARow);
        return Task.FromResult(failures >= FailuresToReport
            ? HealthCheckResult.Degraded($"The upstream could not be reached the last {failures} times ({_lastFailure}); answers come from the backup provider or local logic.")
            : HealthCheckResult.Healthy());
    }

    [LoggerMessage(EventId = 9020, EventName = "UpstreamAttemptFailed", Level = LogLevel.Warning,
        Message = "Request {RequestId}: the upstream {Provider} could not be reached for {Model} with key {KeyAlias} ({Outcome} after {ElapsedMs:0} ms).")]
    private partial void LogAttemptFailed(string requestId, string provider, string model, string? keyAlias, string outcome, double elapsedMs);
}
