namespace OrleansGroq.Abstractions.Batches;

/// <summary>Who runs the batches clients create through the gateway (<c>Batches:Mode</c>).</summary>
public enum BatchesMode
{
    /// <summary>
    /// Pass-through: the Files and Batches routes relay to Groq, which runs the batch in its own window. The gateway keeps
    /// only who owns each file and batch (tenant, key, account), so that every later call goes to the organization that
    /// holds the object and no tenant reaches another's.
    /// </summary>
    Groq,
}
