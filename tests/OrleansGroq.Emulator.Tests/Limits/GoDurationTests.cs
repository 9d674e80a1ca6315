using OrleansGroq.Emulator.Limits;

namespace OrleansGroq.Emulator.Tests.Limits;

public sealed class GoDurationTests
{
    // Expected strings are what Go's time.Duration.String() prints for the same nanoseconds.
    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(1L, "1ns")]
    [InlineData(999L, "999ns")]
    [InlineData(1_100L, "1.1µs")]
    [InlineData(2_200_000L, "2.2ms")]
    [InlineData(185_000_000L, "185ms")]
    [InlineData(1_000_000_000L, "1s")]
    [InlineData(7_660_000_000L, "7.66s")]
    [InlineData(86_400_000_000L, "1m26.4s")]
    [InlineData(120_000_000_000L, "2m0s")]
    [InlineData(179_560_000_000L, "2m59.56s")]
    [InlineData(67_391_999_999L, "1m7.391999999s")]
    [InlineData(3_600_000_000_000L, "1h0m0s")]
    [InlineData(5_103_847_000_000L, "1h25m3.847s")]
    [InlineData(-1_500_000_000L, "-1.5s")]
    [InlineData(long.MinValue, "-2562047h47m16.854775808s")]
    public void Formats_like_go(long nanoseconds, string expected) => Assert.Equal(expected, GoDuration.Format(nanoseconds));

    [Fact]
    public void Formats_time_spans_at_tick_precision() =>
        Assert.Equal("1.0000001s", GoDuration.Format(TimeSpan.FromTicks(10_000_001)));

    [Theory]
    [InlineData(76_591_000L, "7.66s")]
    [InlineData(1L, "1ms")]
    [InlineData(4_000_000L, "400ms")]
    [InlineData(0L, "0s")]
    public void Rounds_waits_up_to_whole_milliseconds(long ticks, string expected) =>
        Assert.Equal(expected, GoDuration.FormatMilliseconds(TimeSpan.FromTicks(ticks)));
}
