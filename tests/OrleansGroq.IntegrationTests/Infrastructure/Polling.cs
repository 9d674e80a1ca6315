using System.Diagnostics;

namespace OrleansGroq.IntegrationTests.Infrastructure;

/// <summary>Waits on a condition the test can observe instead of sleeping for a guessed time.</summary>
internal static class Polling
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Checks <paramref name="condition"/> about every millisecond until it holds; returns how long that took,
    /// measured on <paramref name="clock"/> from <paramref name="from"/>. Fails the test after ten seconds.
    /// </summary>
    public static async Task<TimeSpan> UntilAsync(Func<bool> condition, Stopwatch clock, TimeSpan from, string what)
    {
        while (!condition())
        {
            if (clock.Elapsed - from > DefaultTimeout)
            {
                Assert.Fail($"Not within {DefaultTimeout.TotalSeconds} s: {what}.");
            }

            await Task.Delay(1);
        }

        return clock.Elapsed - from;
    }

    public static Task<TimeSpan> UntilAsync(Func<bool> condition, string what) => UntilAsync(condition, Stopwatch.StartNew(), TimeSpan.Zero, what);

    /// <summary>Checks <paramref name="condition"/> every 10 ms until it holds; fails the test after <paramref name="timeout"/> (ten seconds by default).</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > limit)
            {
                Assert.Fail($"Not within {limit.TotalSeconds:F0} s: {what}.");
            }

            await Task.Delay(10);
        }
    }
}
