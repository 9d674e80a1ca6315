using System.Net;
using System.Text.Json;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;
using static OrleansGroq.IntegrationTests.FailureMatrix.MatrixModels;

namespace OrleansGroq.IntegrationTests.FailureMatrix;

/// <summary>
/// Matrix row: the second attempt went to the backup provider and it failed too. Its 401 is about the gateway's own
/// key and its 5xx about itself, so neither is relayed: the answer is local, or an error that names the backup.
/// </summary>
public sealed class BackupFailureTests
{
    private static readonly TestKey A = new("bk-a", "org_bk_a", "gsk_test_matrix_backup_failure_a");

    [Fact]
    public async Task A_backup_that_rejects_the_gateways_key_gives_502_backup_unauthorized_not_the_clients_401()
    {
        await using var backup = await BackupEmulator.StartAsync();
        var settings = new Dictionary<string, string>(backup.Settings) { ["Backup:ApiKey"] = "gsk_test_not_the_backup_key" };
        await using var gateway = await GatewayHost.StartAsync(ClosedPort.Upstream(), [A], settings);

        using var response = await gateway.Http.SendAsync(Refusing(ChatBodies.Post(ChatBodies.Simple())));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var error = await response.ErrorAsync();
        Assert.Equal("backup_unauthorized", error.GetProperty("code").GetString());
        Assert.Equal("server_error", error.GetProperty("type").GetString());
        Assert.Contains("backup provider rejected the gateway's own API key", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Null(response.Headers.RetryAfter);
        Assert.Equal($"groq:{Speed}=unreachable,backup:{Speed}=key_rejected", response.Header("x-orleansgroq-cascade"));
        Assert.Equal(1, backup.Emulator.Control.GetStats().Unauthorized);
    }

    [Fact]
    public async Task A_backup_that_rejects_the_gateways_key_leaves_a_local_answer_saying_so()
    {
        await using var backup = await BackupEmulator.StartAsync();
        var settings = new Dictionary<string, string>(backup.Settings) { ["Backup:ApiKey"] = "gsk_test_not_the_backup_key" };
        await using var gateway = await GatewayHost.StartAsync(ClosedPort.Upstream(), [A], settings);

        using var response = await gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("local", response.Header("x-orleansgroq-degraded"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("backup_unauthorized", json.RootElement.GetProperty("x_orleansgroq").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_backup_server_error_gives_502_backup_error_with_retry_after()
    {
        await using var backup = await BackupEmulator.StartAsync();
        backup.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.Status500 });
        await using var gateway = await GatewayHost.StartAsync(ClosedPort.Upstream(), [A], backup.Settings);

        using var response = await gateway.Http.SendAsync(Refusing(ChatBodies.Post(ChatBodies.Simple())));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var error = await response.ErrorAsync();
        Assert.Equal("backup_error", error.GetProperty("code").GetString());
        Assert.Contains("backup provider", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.InRange(response.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);
        Assert.Equal($"groq:{Speed}=unreachable,backup:{Speed}=server_error", response.Header("x-orleansgroq-cascade"));
    }

    private static HttpRequestMessage Refusing(HttpRequestMessage request)
    {
        request.Headers.Add("x-orleansgroq-degraded", "refuse");
        return request;
    }
}
