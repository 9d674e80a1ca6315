using System.Net;
using OrleansGroq.IntegrationTests.Infrastructure;
using static OrleansGroq.IntegrationTests.FailureMatrix.MatrixModels;

namespace OrleansGroq.IntegrationTests.FailureMatrix;

/// <summary>Matrix row: 413, a request larger than the model's tokens-per-minute limit. Not a key problem.</summary>
public sealed class TooLargeTests
{
    private static readonly TestKey A = new("large-a", "org_large_a", "gsk_test_matrix_413_account_a");

    // Prompt plus max_tokens is over 200 tokens: more than the 70B's limit below, well within the 8B's (none).
    private static readonly string QualityBody = ChatBodies.Simple("quality", maxTokens: 200);
    private static readonly string ExplicitBody = ChatBodies.Simple(Quality, maxTokens: 200);

    [Fact]
    public async Task Too_large_for_tpm_413_goes_to_a_model_with_a_larger_limit_or_is_a_clear_413()
    {
        await using var upstream = await StartAsync();

        using var response = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(QualityBody));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Speed, response.Header("x-orleansgroq-model"));
        Assert.Equal($"groq:{Quality}=too_large,groq:{Speed}=answer", response.Header("x-orleansgroq-cascade"));
        Assert.Equal(2, response.Attempts());
        var stats = upstream.Emulator.Control.GetStats();
        Assert.Equal(1, stats.For(A.Alias, Quality).TooLarge);
        Assert.Equal(1, stats.For(A.Alias, Speed).Served);
        Assert.Equal("available", (await AdminKeys.ReadAsync(upstream.Gateway))[A.Alias].State());

        // Groq's headers taught the gateway the limit: the next one moves without asking Groq first.
        using var next = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(QualityBody));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(Speed, next.Header("x-orleansgroq-model"));
        Assert.Equal(1, next.Attempts());
        Assert.Equal(1, upstream.Emulator.Control.GetStats().For(A.Alias, Quality).Requests);
    }

    [Fact]
    public async Task An_explicit_model_too_large_for_its_tpm_is_a_clear_413_and_is_not_sent_again()
    {
        await using var upstream = await StartAsync();

        using var response = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(ExplicitBody));
        using var again = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(ExplicitBody));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("too large", (await response.ErrorAsync()).GetProperty("message").GetString()!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, response.Attempts());
        Assert.Equal("", response.Header("x-orleansgroq-cascade"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, again.StatusCode);
        Assert.Equal("messages", (await again.ErrorAsync()).GetProperty("param").GetString());
        Assert.Equal(0, again.Attempts());
        Assert.Equal(1, upstream.Emulator.Control.GetStats().For(A.Alias, Quality).Requests);
        Assert.Equal("available", (await AdminKeys.ReadAsync(upstream.Gateway))[A.Alias].State());
    }

    private static async Task<TestUpstream> StartAsync()
    {
        var upstream = await TestUpstream.StartAsync([A]);
        upstream.Emulator.Control.SetLimits(A.Account, Quality, new() { Tpm = 100 });
        return upstream;
    }
}
