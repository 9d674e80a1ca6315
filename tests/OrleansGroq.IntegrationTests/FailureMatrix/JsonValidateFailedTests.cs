using System.Net;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;
using static OrleansGroq.IntegrationTests.FailureMatrix.MatrixModels;

namespace OrleansGroq.IntegrationTests.FailureMatrix;

/// <summary>Matrix row: 400 <c>json_validate_failed</c> on a plain chat request (extraction has its own retries, tested elsewhere).</summary>
public sealed class JsonValidateFailedTests
{
    private static readonly TestKey A = new("json-a", "org_json_a", "gsk_test_matrix_json_account_a");
    private static readonly TestKey B = new("json-b", "org_json_b", "gsk_test_matrix_json_account_b");

    private const string JsonBody =
        """{"model":"llama-3.1-8b-instant","max_tokens":256,"response_format":{"type":"json_object"},"messages":[{"role":"user","content":"Reply with a JSON object."}]}""";

    [Fact]
    public async Task Json_validate_failed_400_is_passed_to_the_client_without_rotating_keys()
    {
        await using var upstream = await TestUpstream.StartAsync([A, B]);
        var control = upstream.Emulator.Control;
        control.AddFault(new FaultRule { Kind = FaultKind.JsonValidateFailed, Times = 1 });
        var session = KeyAffinity.SessionPreferring(upstream.Gateway, A.Alias);

        using var response = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(JsonBody, session));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.ErrorAsync();
        Assert.Equal("json_validate_failed", error.GetProperty("code").GetString());
        Assert.True(error.TryGetProperty("failed_generation", out _));
        Assert.Equal(A.Alias, response.Header("x-orleansgroq-key"));
        Assert.Equal(1, response.Attempts());
        Assert.Equal("", response.Header("x-orleansgroq-cascade"));
        Assert.Equal("", response.Header("x-orleansgroq-degraded"));
        var stats = control.GetStats();
        Assert.Equal(1, stats.For(A.Alias, Speed).Errors);
        Assert.Equal(0, stats.For(B.Alias, Speed).Requests);
        var keys = await AdminKeys.ReadAsync(upstream.Gateway);
        Assert.Equal("available", keys[A.Alias].State());
        Assert.Equal("available", keys[B.Alias].State());

        using var next = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(JsonBody, session));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(A.Alias, next.Header("x-orleansgroq-key"));
    }
}
