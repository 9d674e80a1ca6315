namespace OrleansGroq.Client;

/// <summary>Capabilities a request needs from the model the gateway routes <c>auto</c> to (<c>x-orleansgroq-needs</c>).</summary>
[Flags]
public enum GatewayNeeds
{
    /// <summary>Nothing beyond what the request itself shows.</summary>
    None = 0,

    /// <summary>Tool calls.</summary>
    Tools = 1,

    /// <summary>JSON mode.</summary>
    Json = 2,

    /// <summary>Strict JSON schema.</summary>
    StrictJson = 4,

    /// <summary>Image input.</summary>
    Vision = 8,

    /// <summary>A reasoning model.</summary>
    Reasoning = 16,
}
