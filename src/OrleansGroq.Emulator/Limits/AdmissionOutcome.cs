namespace OrleansGroq.Emulator.Limits;

internal enum AdmissionOutcome
{
    Admitted,

    /// <summary>429: a bucket has not enough left now.</summary>
    RateLimited,

    /// <summary>413: the request alone is larger than a token limit's capacity.</summary>
    TooLarge,
}
