namespace OrleansGroq.Client;

/// <summary>How a request queues for budget in the gateway's admission (<c>x-orleansgroq-priority</c>).</summary>
public enum GatewayPriority
{
    /// <summary>A user is waiting: the gateway's default.</summary>
    Interactive,

    /// <summary>Background work that yields to interactive requests when budget is short.</summary>
    Batch,
}
