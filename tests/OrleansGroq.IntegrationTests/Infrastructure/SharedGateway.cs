namespace OrleansGroq.IntegrationTests.Infrastructure;

/// <summary>
/// One emulator and gateway for a whole test class (a class fixture), for tests that leave nothing behind that
/// another of them reads: starting one per test cost the error and invalid-input tests about 1.5 s a test.
/// </summary>
public abstract class SharedGateway : IAsyncLifetime
{
    private readonly IReadOnlyList<TestKey> _keys;
    private readonly IReadOnlyDictionary<string, string>? _settings;

    private protected SharedGateway(IReadOnlyList<TestKey> keys, IReadOnlyDictionary<string, string>? settings = null) =>
        (_keys, _settings) = (keys, settings);

    internal TestUpstream Upstream { get; private set; } = null!;

    public async Task InitializeAsync() => Upstream = await TestUpstream.StartAsync(_keys, _settings);

    public async Task DisposeAsync() => await Upstream.DisposeAsync();
}
