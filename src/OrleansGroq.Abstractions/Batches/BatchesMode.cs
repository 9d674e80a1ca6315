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

    /// <summary>
    /// Cluster runner: the cluster serves the same routes itself. Files are kept in PostgreSQL (in memory without it),
    /// and each batch is a <c>BatchGrain</c> that runs its lines through the chat pipeline at batch priority, on the
    /// quota interactive work leaves, each <c>custom_id</c> answered exactly once. The default on the built-in emulator.
    /// </summary>
    Cluster,
}
