namespace OrleansGroq.Emulator.Control;

/// <summary>How a request ended, for the statistics.</summary>
internal enum RequestOutcome
{
    Served,
    RateLimited,
    TooLarge,
    Error,
}
