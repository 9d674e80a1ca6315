namespace OrleansGroq.IntegrationTests.Infrastructure;

/// <summary>An upstream key as the tests configure it on both the emulator and the gateway.</summary>
internal sealed record TestKey(string Alias, string Account, string Secret);
