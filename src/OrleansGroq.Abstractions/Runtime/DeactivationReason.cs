namespace OrleansGroq.Abstractions.Runtime;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReason
{
    /// <summary>The activation received no call for the configured collection age.</summary>
    Idle,

    /// <summary>The host is stopping.</summary>
    ShuttingDown,
}
