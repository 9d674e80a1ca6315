namespace OrleansGroq.Grains.Batches;

/// <summary>What the chat pipeline answered one batch line: its status, Groq's request id when it has one, and the JSON body.</summary>
public sealed record BatchItemAnswer(int StatusCode, string? RequestId, byte[] Body);
