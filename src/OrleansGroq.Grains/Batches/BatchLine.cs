namespace OrleansGroq.Grains.Batches;

/// <summary>One request of a batch: the client's <c>custom_id</c> and the chat completion body to run.</summary>
internal sealed record BatchLine(string CustomId, byte[] Body);
