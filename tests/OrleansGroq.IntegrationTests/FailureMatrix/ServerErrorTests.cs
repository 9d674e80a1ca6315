using System.Net;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;
using static OrleansGroq.IntegrationTests.FailureMatrix.MatrixModels;

namespace OrleansGroq.IntegrationTests.FailureMatrix;

/// <summary>Matrix row: 5xx and 503 over capacity. Not the key's fault: retried on the same key, then another model.</summary>
public sealed class ServerErrorTests
{
    private static readonly TestKey A = new("5xx-a", "org_5xx_a", "gsk_test_matrix_5xx_account_a");
    private static readonly TestKey B = new("5xx-b", "org_5xx_b", "gsk_test_matrix_5xx_account_b");

    [Theory]
    [InlineData(FaultKind.Status500)]
    [InlineData(FaultKind.Status502)]
    [InlineData(FaultKind.Status503)]
    public async Task Server_errors_back_off_on_the_same_key_then_go_to_the_fallback_model(FaultKind fault)
    {
        await using var upstream = await TestUpstream.StartAsync([A, B]);
        var control = upstream.Emulator.Control;
        control.Unlimit([A, B], Quality);
        control.AddFault(new FaultRule { Kind = fault, Model = Quality });
        var session = KeyAffinity.SessionPreferring(upstream.Gateway, A.Alias);

        using var response = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple("quality"), session));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Speed, response.Header("x-orleansgroq-model"));
        Assert.Equal(A.Alias, response.Header("x-orleansgroq-key"));
        Assert.Equal($"groq:{Quality}=server_error,groq:{Speed}=answer", response.Header("x-orleansgroq-cascade"));
        Assert.Equal(5, response.Attempts());
        var stats = control.GetStats();
        Assert.Equal(4, stats.For(A.Alias, Quality).Errors);
        Assert.Equal(0, stats.For(B.Alias, Quality).Requests);
        Assert.Equal(1, stats.For(A.Alias, Speed).Served);
        var keys = await AdminKeys.ReadAsync(upstream.Gateway);
        Assert.Equal("available", keys[A.Alias].State());
        Assert.Equal("available", keys[B.Alias].State());
    }

    [Fact]
    public async Task Once_the_circuit_breaker_opens_requests_skip_the_failing_model()
    {
        await using var upstream = await TestUpstream.StartAsync([A], new Dictionary<string, string>
        {
            ["Upstream:BreakerMinimumThroughput"] = "2",
            ["Upstream:BreakerFailureRatio"] = "0.5",
            ["Upstream:BreakerSamplingDuration"] = "00:00:30",
            ["Upstream:BreakerBreakDuration"] = "00:00:30",
        });
        var control = upstream.Emulator.Control;
        control.Unlimit([A], Quality);
        control.AddFault(new FaultRule { Kind = FaultKind.Status500, Model = Quality });

        using var opening = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple("quality")));
        var sentBeforeOpen = control.GetStats().For(A.Alias, Quality).Requests;
        using var skipping = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple("quality")));

        Assert.Equal(HttpStatusCode.OK, opening.StatusCode);
        Assert.Equal(2, sentBeforeOpen);
        Assert.Equal(HttpStatusCode.OK, skipping.StatusCode);
        Assert.Equal(Speed, skipping.Header("x-orleansgroq-model"));
        Assert.Equal($"groq:{Quality}=server_error,groq:{Speed}=answer", skipping.Header("x-orleansgroq-cascade"));
        Assert.Equal(1, skipping.Attempts());
        Assert.Equal(sentBeforeOpen, control.GetStats().For(A.Alias, Quality).Requests);
        Assert.Equal("available", (await AdminKeys.ReadAsync(upstream.Gateway))[A.Alias].State());
    }
}
