using System.Security.Cryptography;
using System.Text;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Conformance;

/// <summary>
/// The same npm suites against the gateway, with the emulator behind it: to Groq's SDK the gateway must
/// look like Groq. One model gets tiny limits so the rate-limit cases can exhaust it without starving the rest, and
/// another gets malformed stream chunks, which the gateway must turn into an error event the SDKs raise. Each suite runs
/// against both batch modes: pass-through (the gateway relays the Files and Batch API to the emulator) and cluster (the
/// gateway serves them itself, and the emulator only sees the lines' chat completions).
/// </summary>
public sealed class GatewayConformanceTests : IAsyncLifetime
{
    private const string Token = "og-conformance-client-token";
    private const string ThrottledModel = "llama-3.3-70b-versatile";

    // A model no other case uses: every stream of it gets a malformed chunk from the emulator.
    private const string BrokenStreamModel = "groq/compound-mini";
    private static readonly TestKey KeyA = new("a1", "org_a", "gsk_conformance_gateway_account_a");
    private static readonly TestKey KeyB = new("b1", "org_b", "gsk_conformance_gateway_account_b");
    private TestUpstream _upstream = null!;

    public async Task InitializeAsync()
    {
        _upstream = await TestUpstream.StartAsync([KeyA, KeyB], Settings("groq"));
        foreach (var key in new[] { KeyA, KeyB })
        {
            _upstream.Emulator.Control.SetLimits(key.Account, ThrottledModel, new ModelLimits { Rpm = 2 });
        }

        _upstream.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.MalformedChunk, Model = BrokenStreamModel, AfterChunks = 2 });
    }

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    private static Dictionary<string, string> Settings(string batchesMode) => new()
    {
        ["Gateway:Auth:Tokens:0:Tenant"] = "conformance",
        ["Gateway:Auth:Tokens:0:Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Token))),
        ["Batches:Mode"] = batchesMode,
    };

    [Theory]
    [InlineData("groq-sdk.test.mjs", "groq")]
    [InlineData("openai.test.mjs", "groq")]
    [InlineData("groq-sdk.test.mjs", "cluster")]
    [InlineData("openai.test.mjs", "cluster")]
    public async Task Npm_client_suite_passes_against_the_gateway(string suite, string batchesMode)
    {
        // The cluster-mode gateway is a second one in front of the same emulator, so its faults and limits hold for both.
        await using var clusterMode = batchesMode == "cluster"
            ? await GatewayHost.StartAsync(new Uri(_upstream.Emulator.BaseAddress, "openai/v1/"), [KeyA, KeyB], Settings(batchesMode))
            : null;
        var gateway = clusterMode?.BaseAddress ?? _upstream.Gateway.BaseAddress;
        var (exitCode, output) = await NpmClients.RunSuiteAsync(suite, new Dictionary<string, string>
        {
            ["CONFORMANCE_BASE_URL"] = gateway.ToString(),
            ["CONFORMANCE_API_KEY"] = Token,
            ["CONFORMANCE_THROTTLED_KEY"] = Token,
            ["CONFORMANCE_THROTTLED_MODEL"] = ThrottledModel,
            ["CONFORMANCE_BROKEN_STREAM_MODEL"] = BrokenStreamModel,
            ["CONFORMANCE_TARGET"] = "gateway",
        });

        Assert.True(exitCode == 0, $"{suite} failed against the gateway (Batches:Mode = {batchesMode}):\n{output}");
        Assert.Matches(@"pass [1-9]\d*", output);
        Assert.Contains("fail 0", output, StringComparison.Ordinal);
    }
}
