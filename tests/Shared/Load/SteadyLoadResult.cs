namespace OrleansGroq.Testing.Load;

/// <summary>How the requests a <see cref="SteadyLoad"/> offered were answered.</summary>
public sealed record SteadyLoadResult(long Sent, long Served, long RejectedWithRetryAfter, long Lost);
