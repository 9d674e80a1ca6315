namespace OrleansGroq.Silo.Telemetry;

/// <summary>
/// Told of every LLM attempt as it ends (metrics, the usage ledger, live model statistics). Called on the request's
/// path: an observer must return at once and never throw, handing slow work (database writes) to its own queue.
/// </summary>
public interface IUpstreamAttemptObserver
{
    void OnAttempt(UpstreamAttemptRecord attempt);
}
