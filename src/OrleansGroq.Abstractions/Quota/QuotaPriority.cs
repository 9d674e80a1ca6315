namespace OrleansGroq.Abstractions.Quota;

/// <summary>Who waits when budget is short.</summary>
public enum QuotaPriority
{
    /// <summary>A caller is waiting: may take the last of the budget.</summary>
    Interactive,

    /// <summary>Background work: leaves a reserve of every bucket to interactive work.</summary>
    Batch,
}
