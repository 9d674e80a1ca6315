namespace OrleansGroq.Silo.Hosting;

/// <summary>Where the in-process emulator listens, when the gateway serves from it.</summary>
public sealed record OfflineUpstream(Uri? EmulatorBaseUrl);
