namespace OrleansGroq.Abstractions.Batches;

/// <summary>The kinds of object Groq holds for the gateway in pass-through mode.</summary>
public enum ObjectKind
{
    /// <summary>A file: an uploaded batch input (<c>purpose=batch</c>) or a batch's output or error file.</summary>
    File,

    /// <summary>A batch.</summary>
    Batch,
}
