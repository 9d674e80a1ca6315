using OrleansGroq.Abstractions.Upstream;

namespace OrleansGroq.IntegrationTests.Quota;

/// <summary>
/// Groq's admission as the emulator models it, kept independent of the code under test: a request is admitted when one
/// request and its prompt plus <c>max_tokens</c> fit the RPM and TPM buckets, then charged its real usage. A refusal is
/// a 429 the gateway would have caused.
/// </summary>
internal sealed class SimulatedGroq(long rpm, long tpm, DateTimeOffset start)
{
    private double _requests = rpm;
    private double _tokens = tpm;
    private DateTimeOffset _at = start;

    public long RateLimited { get; private set; }

    public long Admitted { get; private set; }

    public long ChargedTokens { get; private set; }

    /// <summary>Admits and charges a request, returning the headers Groq would send, or null for a 429.</summary>
    public RateLimitSnapshot? TryAdmit(long requestedTokens, long chargedTokens, DateTimeOffset now)
    {
        var (requests, tokens) = Levels(now);
        if (requests < 1 || tokens < requestedTokens)
        {
            RateLimited++;
            return null;
        }

        _requests -= 1;
        _tokens -= chargedTokens;
        Admitted++;
        ChargedTokens += chargedTokens;
        return new RateLimitSnapshot { LimitTokens = tpm, RemainingTokens = (long)Math.Floor(Math.Max(0, _tokens)) };
    }

    /// <summary>The buckets' levels, refilled up to <paramref name="now"/>.</summary>
    public (double Requests, double Tokens) Levels(DateTimeOffset now)
    {
        var seconds = (now - _at).TotalSeconds;
        _requests = Math.Min(rpm, _requests + (seconds * rpm / 60));
        _tokens = Math.Min(tpm, _tokens + (seconds * tpm / 60));
        _at = now;
        return (_requests, _tokens);
    }
}
