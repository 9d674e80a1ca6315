using System.Diagnostics;

namespace OrleansGroq.IntegrationTests.Keys;

internal static class Polling
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Checks <paramref name="condition"/> about every millisecond until it holds; returns how long that took,
    /// measured on <paramref name="clock"/> from <paramref name="from"/>. Fails the test after ten seconds.
    /// </summary>
    public static async Task<TimeSpan> UntilAsync(Func<bool> condition, Stopwatch clock, TimeSpan from, string what)
    {
        while (!condition())
        {
            if (clock.Elapsed - from > Timeout)
            {
                Assert.Fail($"Not within {Timeout.TotalSeconds} s: {what}.");
            }

            await Task.Delay(1);
        }

        return clock.Elapsed - from;
    }

    public static Task<TimeSpan> UntilAsync(Func<bool> condition, string what) => UntilAsync(condition, Stopwatch.StartNew(), TimeSpan.Zero, what);

    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > Timeout)
            {
                Assert.Fail($"Not within {Timeout.TotalSeconds} s: {what}.");
            }

            await Task.Delay(10);
        }
    }
}
