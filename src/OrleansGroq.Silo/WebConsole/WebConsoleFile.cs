namespace OrleansGroq.Silo.WebConsole;

/// <summary>One file of the web console, as it is served: its bytes, media type and entity tag.</summary>
internal sealed record WebConsoleFile(byte[] Content, string ContentType, string ETag);
