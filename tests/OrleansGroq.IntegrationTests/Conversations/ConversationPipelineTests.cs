using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;
using static OrleansGroq.IntegrationTests.FailureMatrix.MatrixModels;

namespace OrleansGroq.IntegrationTests.Conversations;

/// <summary>
/// A conversation turn is chat work like any other: it takes the cascade (the backup provider after a failed
/// attempt), gets a marked local answer when every attempt is spent, and is admitted by its tenant's fair share,
/// as an extraction is.
/// </summary>
public sealed class ConversationPipelineTests
{
    private const string BusyToken = "og-test-token-for-conversation-tenant-busy";
    private static readonly TestKey A = new("turn-a", "org_turn_a", "gsk_test_conversation_pipeline_a");

    [Fact]
    public async Task A_turn_whose_model_fails_is_answered_by_the_backup_provider_and_stored()
    {
        await using var backup = await BackupEmulator.StartAsync();
        await using var upstream = await TestUpstream.StartAsync([A], backup.Settings);
        upstream.Emulator.Control.Unlimit([A], Quality);
        upstream.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.Status500 });
        var conversations = new ConversationClient(upstream.Gateway.Http);
        var id = await conversations.CreateAsync();

        using var response = await conversations.SayAsync(id, "hello");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"groq:{Quality}=server_error,backup:{Quality}=answer", response.Header("x-orleansgroq-cascade"));
        Assert.Equal(1, backup.Emulator.Control.GetStats().Totals.Served);
        var stored = (await conversations.GetAsync(id)).GetProperty("messages");
        Assert.Equal(["user", "assistant"], stored.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task A_turn_with_every_attempt_spent_gets_a_marked_local_answer_that_is_not_stored()
    {
        await using var upstream = await TestUpstream.StartAsync([A]);
        upstream.Emulator.Control.Unlimit([A], Quality);
        upstream.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.Status500 });
        var conversations = new ConversationClient(upstream.Gateway.Http);
        var id = await conversations.CreateAsync();

        using var response = await conversations.SayAsync(id, "write to help@example.com");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("local", response.Header("x-orleansgroq-degraded"));
        Assert.Equal(id, response.Header("x-orleansgroq-conversation"));
        Assert.Empty((await conversations.GetAsync(id)).GetProperty("messages").EnumerateArray());

        upstream.Emulator.Control.ClearFaults();
        using var next = await conversations.SayAsync(id, "again");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(2, (await conversations.GetAsync(id)).GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task A_tenant_over_its_own_rpm_is_refused_a_turn_before_groq_sees_it()
    {
        await using var upstream = await TestUpstream.StartAsync([A], new Dictionary<string, string>
        {
            ["Gateway:Auth:Tokens:0:Tenant"] = "busy",
            ["Gateway:Auth:Tokens:0:Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(BusyToken))),
            ["Quota:Tenants:busy:Rpm"] = "1",
            ["Quota:SafetyMargin"] = "0",
        });
        upstream.Emulator.Control.Unlimit([A], Quality);
        var conversations = new ConversationClient(upstream.Gateway.Http, BusyToken);
        var id = await conversations.CreateAsync();

        using var served = await conversations.SayAsync(id, "one");
        using var refused = await conversations.SendAsync(
            HttpMethod.Post, $"v1/conversations/{id}/messages", """{"role":"user","content":"two","max_tokens":8}""",
            new Dictionary<string, string> { ["x-orleansgroq-max-wait-ms"] = "0" });

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("tenant_rate_limit_exceeded", (await refused.ErrorAsync()).GetProperty("code").GetString());
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(1, upstream.Emulator.Control.GetStats().Totals.Requests);
        Assert.Equal(2, (await conversations.GetAsync(id)).GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task An_extraction_is_admitted_by_its_tenants_fair_share_too()
    {
        await using var upstream = await TestUpstream.StartAsync([A], new Dictionary<string, string>
        {
            ["Gateway:Auth:Tokens:0:Tenant"] = "busy",
            ["Gateway:Auth:Tokens:0:Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(BusyToken))),
            ["Quota:Tenants:busy:Rpm"] = "1",
            ["Quota:SafetyMargin"] = "0",
        });
        upstream.Emulator.Control.Unlimit([A], Oss20b);
        const string Body = """{"text":"Ada Lovelace, 36","schema":{"type":"object","properties":{"name":{"type":"string"}}}}""";

        using var served = await ExtractAsync(upstream, Body);
        var sent = upstream.Emulator.Control.GetStats().Totals.Requests;
        using var refused = await ExtractAsync(upstream, Body);

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("tenant_rate_limit_exceeded", (await refused.ErrorAsync()).GetProperty("code").GetString());
        Assert.Equal(sent, upstream.Emulator.Control.GetStats().Totals.Requests);
    }

    private static Task<HttpResponseMessage> ExtractAsync(TestUpstream upstream, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "v1/extract") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BusyToken);
        request.Headers.Add("x-orleansgroq-max-wait-ms", "0");
        return upstream.Gateway.Http.SendAsync(request);
    }
}
