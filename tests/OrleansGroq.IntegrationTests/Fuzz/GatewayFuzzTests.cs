using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;
using OrleansGroq.Testing.Fuzz;
using Xunit.Abstractions;

namespace OrleansGroq.IntegrationTests.Fuzz;

/// <summary>
/// A seeded fuzz run over every public route (the benchmark's <c>fuzz</c> scenario sends 10,000 of the same cases):
/// malformed JSON, multipart and HTTP framing, a tenth of valid requests mixed in, each request on its own connection,
/// one at a time so every upstream call is pinned on the request that made it. What counts as what:
/// <list type="bullet">
/// <item><b>Valid</b>: what Groq's documentation (or, for the gateway's own routes, the README) allows, with documented
/// fields at valid values or <c>null</c> where optional; a request with no Content-Type; chunked framing; both
/// prefixes for every API route. It must get a 2xx with a real answer: not a degraded local one, and a stream must end
/// with <c>[DONE]</c>.</item>
/// <item><b>Invalid</b>: a documented field of the wrong type, out of its documented range, <c>null</c> where required, or
/// given twice with one copy wrong; strings that are not valid UTF-8 or hold half a surrogate pair; a catalog or enum
/// value kilobytes long; a body that is not one JSON object or nests past any limit; a broken multipart upload; a
/// conversation id that is malformed or unknown; paging out of range; an unknown route or a method a route does not
/// take; an unknown model id (the gateway knows its catalog, so that is its own 404, not Groq's); a content type that
/// is not JSON on a JSON route, a form post, a cross-site <c>Origin</c> or <c>Sec-Fetch-Site</c>; a gateway header
/// with a value it does not take; broken chunked framing or a Content-Length that lies. It must be refused with a 4xx
/// in OpenAI's error shape carrying <c>x-request-id</c>, and make no upstream call: the emulator's request count and
/// the gateway's attempt count must not move. Fields Groq does not document are never sent: they pass through to Groq
/// by design.</item>
/// <item><b>Unparsable HTTP</b> (request line, header syntax, header or URL size, no Host): the HTTP server refuses it
/// before the gateway runs, with a 4xx of its own; its body is only checked when the gateway answered.</item>
/// </list>
/// Any 5xx or unanswered request counts against the gateway, and a valid chat completion must still be served at the end.
/// </summary>
public sealed class GatewayFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Seed = 20_251_211;
    private const int Requests = 600;
    private static readonly TestKey Key = new("fuzz-1", "org_fuzz", "gsk_fuzz_test_key_not_a_secret");

    private EmulatorHost _emulator = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            Accounts =
            [
                new AccountOptions
                {
                    Id = Key.Account,
                    Keys = [new ApiKeyOptions { Alias = Key.Alias, Secret = Key.Secret }],
                    Limits = FuzzUpstream.Models.ToDictionary(m => m, _ => ModelLimits.Unlimited),
                },
            ],
        });
        _gateway = await GatewayHost.StartAsync(new Uri(_emulator.BaseAddress, "openai/v1/"), [Key]);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task Seeded_malformed_requests_on_every_route_are_refused_locally_in_json_and_valid_ones_keep_being_served()
    {
        using var target = new FuzzTarget(_gateway.BaseAddress, TimeSpan.FromSeconds(30));

        var report = await FuzzRunner.RunAsync(target, new FuzzOptions(Seed, Requests), _ => Task.FromResult(UpstreamRequests()));

        output.WriteLine(report.Summary());
        output.WriteLine(report.Describe());
        Assert.True(report.Passed, report.Summary() + Environment.NewLine + report.Describe());
    }

    /// <summary>Every request the emulator received: authenticated ones by key and model, and refused ones.</summary>
    private long UpstreamRequests()
    {
        var stats = _emulator.Control.GetStats();
        return stats.Totals.Requests + stats.Unauthorized;
    }
}
