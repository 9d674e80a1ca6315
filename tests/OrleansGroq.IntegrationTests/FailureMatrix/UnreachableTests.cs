using System.Net;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;
using static OrleansGroq.IntegrationTests.FailureMatrix.MatrixModels;

namespace OrleansGroq.IntegrationTests.FailureMatrix;

/// <summary>Matrix row: timeouts and connection errors. They are not the key's fault, so they never rotate keys.</summary>
public sealed class UnreachableTests
{
    private static readonly TestKey A = new("net-a", "org_net_a", "gsk_test_matrix_network_account_a");
    private static readonly TestKey B = new("net-b", "org_net_b", "gsk_test_matrix_network_account_b");

    [Fact]
    public async Task Timeouts_and_connection_errors_back_off_on_the_same_key_then_go_to_the_backup_provider()
    {
        await using var backup = await BackupEmulator.StartAsync();
        await using var upstream = await TestUpstream.StartAsync([A, B], backup.Settings);
        var control = upstream.Emulator.Control;

        // Every chat request: a short silence, then the connection drops.
        control.AddFault(new FaultRule { Kind = FaultKind.StallBeforeFirstByte, DelayMs = 20 });
        var session = KeyAffinity.SessionPreferring(upstream.Gateway, A.Alias);

        using var response = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple(), session));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"groq:{Speed}=unreachable,backup:{Speed}=answer", response.Header("x-orleansgroq-cascade"));
        Assert.Equal(Speed, response.Header("x-orleansgroq-model"));

        // One send and three retries with backoff, all on the session's key; then one to the backup.
        Assert.Equal(5, response.Attempts());
        var stats = control.GetStats();
        Assert.Equal(4, stats.For(A.Alias, Speed).Requests);
        Assert.Equal(0, stats.For(B.Alias, Speed).Requests);
        Assert.Equal(1, backup.Emulator.Control.GetStats().For(BackupEmulator.Key.Alias, Speed).Served);
        var keys = await AdminKeys.ReadAsync(upstream.Gateway);
        Assert.Equal("available", keys[A.Alias].State());
        Assert.Equal("available", keys[B.Alias].State());
    }

    [Fact]
    public async Task A_refused_connection_is_retried_on_the_same_key_then_goes_to_the_backup_provider()
    {
        await using var backup = await BackupEmulator.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(ClosedPort.Upstream(), [A], backup.Settings);

        using var response = await gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"groq:{Speed}=unreachable,backup:{Speed}=answer", response.Header("x-orleansgroq-cascade"));
        Assert.Equal(5, response.Attempts());
        Assert.Equal(1, backup.Emulator.Control.GetStats().Totals.Served);
        Assert.Equal("available", (await AdminKeys.ReadAsync(gateway))[A.Alias].State());
    }

    [Fact]
    public async Task A_timeout_is_not_retried_on_the_same_key_and_goes_to_the_backup_provider()
    {
        await using var backup = await BackupEmulator.StartAsync();
        var settings = new Dictionary<string, string>(backup.Settings) { ["Upstream:AttemptTimeout"] = "00:00:01" };
        await using var upstream = await TestUpstream.StartAsync([A, B], settings);
        var control = upstream.Emulator.Control;
        control.AddFault(new FaultRule { Kind = FaultKind.StallBeforeFirstByte, DelayMs = 30_000 });
        var session = KeyAffinity.SessionPreferring(upstream.Gateway, A.Alias);

        using var response = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple(), session));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"groq:{Speed}=sla_exceeded,backup:{Speed}=answer", response.Header("x-orleansgroq-cascade"));
        Assert.Equal(2, response.Attempts());
        var stats = control.GetStats();
        Assert.Equal(1, stats.For(A.Alias, Speed).Requests);
        Assert.Equal(0, stats.For(B.Alias, Speed).Requests);
        Assert.Equal(1, backup.Emulator.Control.GetStats().Totals.Served);
        Assert.Equal("available", (await AdminKeys.ReadAsync(upstream.Gateway))[A.Alias].State());
    }
}
