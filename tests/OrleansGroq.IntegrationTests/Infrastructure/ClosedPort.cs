namespace OrleansGroq.IntegrationTests.Infrastructure;

/// <summary>An upstream nobody listens on: every connection is refused.</summary>
internal static class ClosedPort
{
    /// <summary>A Groq-style base URL on a loopback port that was free a moment ago and is closed now.</summary>
    public static Uri Upstream() => new(Root(), "openai/v1/");

    /// <summary>A gateway-style root address on such a port.</summary>
    public static Uri Root() => new($"http://127.0.0.1:{FreePort.Next()}/");
}
