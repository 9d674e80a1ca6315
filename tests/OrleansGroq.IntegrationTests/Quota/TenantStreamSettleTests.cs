using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OrleansGroq.Abstractions.Quota;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Quota;

/// <summary>
/// A streamed answer's usage is known only from its last chunk (<c>x_groq.usage</c>): once relayed, the tenant's
/// budget is charged that, not the reservation, which counts all of <c>max_tokens</c>.
/// </summary>
public sealed class TenantStreamSettleTests : IAsyncLifetime
{
    private const string Token = "og-test-token-for-tenant-streamer";
    private static readonly TestKey Key = new("stream-a", "org_stream", "gsk_test_tenant_stream_key");

    private TestUpstream _upstream = null!;

    public async Task InitializeAsync() =>
        _upstream = await TestUpstream.StartAsync([Key], new Dictionary<string, string>
        {
            ["Gateway:Auth:Tokens:0:Tenant"] = "streamer",
            ["Gateway:Auth:Tokens:0:Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Token))),
            ["Quota:Tenants:streamer:Tpm"] = "100000",
        });

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task A_streamed_answer_charges_the_tenant_what_groq_counted()
    {
        using var request = ChatBodies.Post(ChatBodies.Simple(stream: true, maxTokens: 2_000));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var response = await _upstream.Gateway.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var tenant = _upstream.Gateway.Services.GetRequiredService<IModelQuotas>().Get(QuotaKey.ForTenant("streamer"));

        // The relay settles after its last write, which the client may read first.
        var charged = await SettledTokensAsync(tenant);

        var counted = _upstream.Emulator.Control.GetStats().Totals;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data: [DONE]", body, StringComparison.Ordinal);
        Assert.Equal(counted.PromptTokens - counted.CachedTokens + counted.CompletionTokens, charged);
        Assert.True(charged < 2_000, $"charged {charged} tokens, the reservation's max_tokens rather than the usage");
    }

    private static async Task<long> SettledTokensAsync(IModelQuota tenant)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var snapshot = await tenant.GetSnapshotAsync();
            if (snapshot.UsedTokens > 0)
            {
                return snapshot.UsedTokens;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }
    }
}
