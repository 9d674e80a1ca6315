namespace OrleansGroq.Silo.Telemetry;

/// <summary>
/// Hands each LLM attempt's record to every registered <see cref="IUpstreamAttemptObserver"/>. The cascade is its one
/// caller, once per step, so chat completions, conversation turns and extraction are all seen alike.
/// </summary>
public sealed partial class UpstreamAttempts(IEnumerable<IUpstreamAttemptObserver> observers, TimeProvider time, ILogger<UpstreamAttempts> logger)
{
    private readonly IUpstreamAttemptObserver[] _observers = [.. observers];

    /// <summary>The clock attempts are timed by.</summary>
    public TimeProvider Time => time;

    /// <summary>Adds the attempt to its request's trail, then tells every observer.</summary>
    public void Raise(UpstreamAttemptRecord attempt, RequestTrail trail)
    {
        trail.Add(attempt);
        foreach (var observer in _observers)
        {
            // Raised while the answer is being relayed: an observer's bug must not fail a request the model answered.
            try
            {
                observer.OnAttempt(attempt);
            }
            catch (Exception e)
            {
                LogObserverFailed(e, observer.GetType().Name, attempt.RequestId);
            }
        }
    }

    [LoggerMessage(EventId = 9001, EventName = "AttemptObserverFailed", Level = LogLevel.Error,
        Message = "The attempt observer {Observer} threw on request {RequestId}; the other observers were still told.")]
    private partial void LogObserverFailed(Exception exception, string observer, string requestId);
}
