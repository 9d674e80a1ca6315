using OrleansGroq.Grains.Upstream;

namespace OrleansGroq.Tests.Upstream;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("7.66s", 76_600_000)]
    [InlineData("2m59.56s", 1_795_600_000)]
    [InlineData("1h25m3.847s", 51_038_470_000)]
    [InlineData("185ms", 1_850_000)]
    [InlineData("1m7.391999999s", 673_919_999)]
    [InlineData("1m26.4s", 864_000_000)]
    [InlineData("0s", 0)]
    [InlineData("0", 0)]
    [InlineData("1.5h", 54_000_000_000)]
    [InlineData("2h0m0s", 72_000_000_000)]
    [InlineData("300us", 3_000)]
    [InlineData("300\u00B5s", 3_000)]
    [InlineData("300\u03BCs", 3_000)]
    [InlineData("1500ns", 15)]
    [InlineData("150ns", 1)]
    [InlineData("99ns", 0)]
    [InlineData(".5s", 5_000_000)]
    [InlineData("5.s", 50_000_000)]
    [InlineData("+5s", 50_000_000)]
    [InlineData("1s500ms", 15_000_000)]
    [InlineData("0.000000001s", 0)]
    [InlineData("2562047h", 92_233_692_000_000_000)]
    public void Parses_go_durations(string text, long ticks)
    {
        Assert.True(GoDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromTicks(ticks), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("s")]
    [InlineData("5")]
    [InlineData("1.5")]
    [InlineData("0.0")]
    [InlineData("abc")]
    [InlineData("5x")]
    [InlineData("5 s")]
    [InlineData(" 5s")]
    [InlineData("5s ")]
    [InlineData("-5s")]
    [InlineData("1d")]
    [InlineData("1.2.3s")]
    [InlineData(".s")]
    [InlineData("5ss")]
    [InlineData("5S")]
    [InlineData("1e3s")]
    [InlineData("+")]
    [InlineData("2562048h")]
    [InlineData("99999999999999999999999s")]
    [InlineData("s5")]
    public void Rejects_garbage(string text)
    {
        Assert.False(GoDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.Zero, duration);
    }
}
