using System.Net;
using OrleansGroq.IntegrationTests.Infrastructure;
using static OrleansGroq.IntegrationTests.FailureMatrix.MatrixModels;

namespace OrleansGroq.IntegrationTests.FailureMatrix;

/// <summary>Matrix row: 401 <c>invalid_api_key</c>.</summary>
public sealed class InvalidApiKeyTests
{
    private static readonly TestKey Good = new("good", "org_good", "gsk_test_matrix_401_good_key");

    // The emulator does not know this key: it answers 401 invalid_api_key.
    private static readonly TestKey Revoked = new("revoked", "org_revoked", "gsk_test_matrix_401_revoked_key");

    [Fact]
    public async Task Invalid_api_key_401_disables_the_key_and_never_retries_it()
    {
        await using var upstream = await TestUpstream.StartAsync([Good], gatewayKeys: [Revoked, Good]);
        var session = KeyAffinity.SessionPreferring(upstream.Gateway, Revoked.Alias);

        using var first = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple(), session));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(Good.Alias, first.Header("x-orleansgroq-key"));
        Assert.Equal(2, first.Attempts());
        var keys = await AdminKeys.ReadAsync(upstream.Gateway);
        Assert.Equal("disabled", keys[Revoked.Alias].State());
        Assert.Equal("invalid_api_key", keys[Revoked.Alias].Reason());
        Assert.Null(keys[Revoked.Alias].CoolingUntil());
        Assert.Equal("available", keys[Good.Alias].State());

        for (var i = 0; i < 5; i++)
        {
            using var again = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple(), session));
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal(Good.Alias, again.Header("x-orleansgroq-key"));
            Assert.Equal(1, again.Attempts());
        }

        var stats = upstream.Emulator.Control.GetStats();
        Assert.Equal(1, stats.Unauthorized);
        Assert.Equal(6, stats.For(Good.Alias, Speed).Served);
        Assert.Equal("disabled", (await AdminKeys.ReadAsync(upstream.Gateway))[Revoked.Alias].State());
    }

    [Fact]
    public async Task When_the_only_key_is_invalid_groq_is_not_asked_again_and_the_answer_is_local()
    {
        await using var upstream = await TestUpstream.StartAsync([Good], gatewayKeys: [Revoked]);

        using var first = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple()));
        using var second = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple()));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("local", first.Header("x-orleansgroq-degraded"));
        Assert.Equal(1, first.Attempts());
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("local", second.Header("x-orleansgroq-degraded"));
        Assert.Equal(0, second.Attempts());
        Assert.Equal(1, upstream.Emulator.Control.GetStats().Unauthorized);
        Assert.Equal("disabled", (await AdminKeys.ReadAsync(upstream.Gateway))[Revoked.Alias].State());
    }
}
