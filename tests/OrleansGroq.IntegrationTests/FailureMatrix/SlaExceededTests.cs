using System.Diagnostics;
using System.Net;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;
using static OrleansGroq.IntegrationTests.FailureMatrix.MatrixModels;

namespace OrleansGroq.IntegrationTests.FailureMatrix;

/// <summary>Matrix row: an attempt slower than the latency SLA (<c>Upstream:AttemptTimeout</c>).</summary>
public sealed class SlaExceededTests
{
    private static readonly TestKey A = new("sla-a", "org_sla_a", "gsk_test_matrix_sla_account_a");

    private static readonly Dictionary<string, string> Sla = new() { ["Upstream:AttemptTimeout"] = "00:00:01" };

    [Fact]
    public async Task Latency_above_the_sla_is_cancelled_and_retried_once_on_the_smaller_model()
    {
        await using var upstream = await TestUpstream.StartAsync([A], Sla);
        var control = upstream.Emulator.Control;
        control.AddFault(new FaultRule { Kind = FaultKind.Latency, Model = Quality, DelayMs = 30_000 });
        var clock = Stopwatch.StartNew();

        using var response = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple("quality")));

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Speed, response.Header("x-orleansgroq-model"));
        Assert.Equal($"groq:{Quality}=sla_exceeded,groq:{Speed}=answer", response.Header("x-orleansgroq-cascade"));
        Assert.Equal(2, response.Attempts());
        var stats = control.GetStats();
        Assert.Equal(1, stats.For(A.Alias, Quality).Requests);
        Assert.Equal(1, stats.For(A.Alias, Speed).Served);
        Assert.Equal("available", (await AdminKeys.ReadAsync(upstream.Gateway))[A.Alias].State());
    }

    [Fact]
    public async Task An_explicit_model_over_the_sla_with_no_fallback_is_tried_once_more_on_the_same_model()
    {
        await using var upstream = await TestUpstream.StartAsync([A], Sla);
        upstream.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.Latency, DelayMs = 30_000, Times = 1 });

        using var response = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Speed, response.Header("x-orleansgroq-model"));
        Assert.Equal($"groq:{Speed}=sla_exceeded,groq:{Speed}=answer", response.Header("x-orleansgroq-cascade"));
        Assert.Equal(2, response.Attempts());
        Assert.Equal(2, upstream.Emulator.Control.GetStats().For(A.Alias, Speed).Requests);
    }
}
