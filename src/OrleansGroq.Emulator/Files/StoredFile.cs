namespace OrleansGroq.Emulator.Files;

/// <summary>A file an organization uploaded (<c>purpose</c> <c>batch</c>) or a batch wrote (<c>batch_output</c>).</summary>
internal sealed record StoredFile(string Id, string AccountId, string Filename, string Purpose, byte[] Content, DateTimeOffset CreatedAt);
