using OrleansGroq.Emulator;

namespace OrleansGroq.IntegrationTests.Conformance;

/// <summary>Groq's own npm SDK, and OpenAI's, against the emulator: neither may tell it from Groq.</summary>
public sealed class EmulatorConformanceTests : IAsyncLifetime
{
    private EmulatorHost _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorHost.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Theory]
    [InlineData("groq-sdk.test.mjs")]
    [InlineData("openai.test.mjs")]
    public async Task Npm_client_suite_passes_against_the_emulator(string suite)
    {
        var (exitCode, output) = await NpmClients.RunSuiteAsync(suite, new Dictionary<string, string>
        {
            ["CONFORMANCE_BASE_URL"] = _emulator.BaseAddress.ToString(),
            ["CONFORMANCE_API_KEY"] = "gsk_conformance_emulator_" + Guid.NewGuid().ToString("N"),
            ["CONFORMANCE_TARGET"] = "emulator",
        });

        Assert.True(exitCode == 0, $"{suite} failed against the emulator:\n{output}");
        Assert.Matches(@"pass [1-9]\d*", output);
        Assert.Contains("fail 0", output, StringComparison.Ordinal);
    }
}
