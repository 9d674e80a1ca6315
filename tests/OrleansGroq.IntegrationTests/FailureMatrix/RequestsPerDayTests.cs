using System.Net;
using OrleansGroq.IntegrationTests.Infrastructure;
using static OrleansGroq.IntegrationTests.FailureMatrix.MatrixModels;

namespace OrleansGroq.IntegrationTests.FailureMatrix;

/// <summary>Matrix row: 429 on the requests-per-day limit, and <c>remaining-requests: 0</c>.</summary>
public sealed class RequestsPerDayTests
{
    private static readonly TestKey A = new("rpd-a", "org_rpd_a", "gsk_test_matrix_rpd_account_a");
    private static readonly TestKey B = new("rpd-b", "org_rpd_b", "gsk_test_matrix_rpd_account_b");

    [Fact]
    public async Task Rpd_429_cools_the_key_until_the_requests_reset()
    {
        await using var upstream = await TestUpstream.StartAsync([A, B]);
        var control = upstream.Emulator.Control;

        // Two a day: retry-after is 12 hours (one request back), reset-requests 24 hours (the whole bucket).
        control.SetLimits(A.Account, Speed, new() { Rpd = 2 });
        var session = KeyAffinity.SessionPreferring(upstream.Gateway, A.Alias);
        using (var refused = await EmulatorDirect.SpendUntilRateLimitedAsync(upstream.Emulator, A, ChatBodies.Simple()))
        {
            Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalHours, 11.9, 12.1);
        }

        var before = DateTimeOffset.UtcNow;
        using var response = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple(), session));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(B.Alias, response.Header("x-orleansgroq-key"));
        Assert.Equal(2, response.Attempts());
        Assert.Equal(2, control.GetStats().For(A.Alias, Speed).RateLimited);
        var keys = await AdminKeys.ReadAsync(upstream.Gateway);
        Assert.Equal("cooling", keys[A.Alias].State());
        Assert.Equal("requests_per_day", keys[A.Alias].Reason());
        Assert.InRange(keys[A.Alias].CoolingUntil()!.Value, before.AddHours(23.9), before.AddHours(24).AddMinutes(1));
        Assert.Equal("available", keys[B.Alias].State());
    }

    [Fact]
    public async Task Remaining_requests_of_zero_cools_the_key_until_the_requests_reset_before_any_429()
    {
        await using var upstream = await TestUpstream.StartAsync([A, B]);
        var control = upstream.Emulator.Control;
        control.SetLimits(A.Account, Speed, new() { Rpd = 1 });
        var session = KeyAffinity.SessionPreferring(upstream.Gateway, A.Alias);

        var before = DateTimeOffset.UtcNow;
        using var last = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple(), session));
        using var next = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple(), session));

        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        Assert.Equal(A.Alias, last.Header("x-orleansgroq-key"));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(B.Alias, next.Header("x-orleansgroq-key"));
        Assert.Equal(1, next.Attempts());
        Assert.Equal(0, control.GetStats().Totals.RateLimited);
        var key = (await AdminKeys.ReadAsync(upstream.Gateway))[A.Alias];
        Assert.Equal("cooling", key.State());
        Assert.Equal("requests_per_day", key.Reason());
        Assert.InRange(key.CoolingUntil()!.Value, before.AddHours(23.9), before.AddHours(24).AddMinutes(1));
    }
}
