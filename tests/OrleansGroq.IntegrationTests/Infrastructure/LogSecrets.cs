namespace OrleansGroq.IntegrationTests.Infrastructure;

/// <summary>Searches a gateway's log for the secrets it was configured with (upstream keys, token digests).</summary>
internal static class LogSecrets
{
    public static void AssertNoneIn(IEnumerable<string> entries, IReadOnlyList<string> secrets)
    {
        foreach (var entry in entries)
        {
            foreach (var secret in secrets)
            {
                // The entry is shown with the secret masked, so that the test's own output does not spread it further.
                Assert.False(entry.Contains(secret, StringComparison.Ordinal), $"A configured secret was logged: {entry.Replace(secret, "***", StringComparison.Ordinal)}");
            }
        }
    }
}
