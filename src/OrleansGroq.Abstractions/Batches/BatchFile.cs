namespace OrleansGroq.Abstractions.Batches;

/// <summary>A file of cluster mode, as Groq's file object shows it, and the tenant that owns it.</summary>
/// <param name="Id"><c>file_</c> and a ULID, as Groq's.</param>
/// <param name="Tenant">The owning tenant: no other sees the file.</param>
/// <param name="Filename">The name the client uploaded it under, or the batch's result file name.</param>
/// <param name="Purpose"><c>batch</c> for an upload, <c>batch_output</c> for a batch's output and error files.</param>
/// <param name="Bytes">The content's length.</param>
/// <param name="CreatedAt">When it was stored.</param>
[GenerateSerializer, Immutable]
public sealed record BatchFile(string Id, string Tenant, string Filename, string Purpose, long Bytes, DateTimeOffset CreatedAt);
