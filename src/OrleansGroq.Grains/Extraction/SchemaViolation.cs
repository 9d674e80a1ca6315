namespace OrleansGroq.Grains.Extraction;

/// <summary>
/// One way an instance breaks its schema. <paramref name="Path"/> is a JSON pointer into the instance
/// (<c>""</c> for the root, <c>/items/0/name</c> below it), so a client can find the offending value.
/// </summary>
public sealed record SchemaViolation(string Path, string Message);
