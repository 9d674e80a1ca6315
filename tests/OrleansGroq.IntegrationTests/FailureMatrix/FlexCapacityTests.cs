using System.Net;
using System.Text.Json;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;
using static OrleansGroq.IntegrationTests.FailureMatrix.MatrixModels;

namespace OrleansGroq.IntegrationTests.FailureMatrix;

/// <summary>Matrix row: 498, Groq's flex tier out of capacity.</summary>
public sealed class FlexCapacityTests
{
    private static readonly TestKey A = new("flex-a", "org_flex_a", "gsk_test_matrix_flex_account_a");

    private const string FlexBody =
        """{"model":"llama-3.1-8b-instant","service_tier":"flex","max_tokens":16,"messages":[{"role":"user","content":"Say hello."}]}""";

    [Fact]
    public async Task Flex_capacity_498_is_retried_on_demand()
    {
        await using var upstream = await TestUpstream.StartAsync([A]);
        var control = upstream.Emulator.Control;
        control.AddFault(new FaultRule { Kind = FaultKind.Status498, Times = 1 });

        using var response = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(FlexBody));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"groq:{Speed}=flex_capacity,groq:{Speed}=answer", response.Header("x-orleansgroq-cascade"));
        Assert.Equal(2, response.Attempts());
        Assert.Equal(A.Alias, response.Header("x-orleansgroq-key"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("on_demand", body.RootElement.GetProperty("service_tier").GetString());
        var stats = control.GetStats().For(A.Alias, Speed);
        Assert.Equal(1, stats.Errors);
        Assert.Equal(1, stats.Served);
        Assert.Equal("available", (await AdminKeys.ReadAsync(upstream.Gateway))[A.Alias].State());
    }

    [Fact]
    public async Task When_on_demand_fails_too_a_refusing_client_gets_a_503_flex_capacity_exceeded()
    {
        await using var upstream = await TestUpstream.StartAsync([A]);
        upstream.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.Status498 });
        var request = ChatBodies.Post(FlexBody);
        request.Headers.Add("x-orleansgroq-degraded", "refuse");

        using var response = await upstream.Gateway.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("flex_capacity_exceeded", (await response.ErrorAsync()).GetProperty("code").GetString());
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal($"groq:{Speed}=flex_capacity,groq:{Speed}=flex_capacity", response.Header("x-orleansgroq-cascade"));
        Assert.Equal(2, response.Attempts());
    }
}
