using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Grains.Routing;

namespace OrleansGroq.Tests.Routing;

public sealed class RoutingHintsTests
{
    [Fact]
    public void Absent_headers_mean_no_hints()
    {
        Assert.True(RoutingHints.TryParse(null, null, null, out var hints, out var error));

        Assert.Equal(default, hints);
        Assert.Null(error);
    }

    [Fact]
    public void Blank_headers_mean_no_hints()
    {
        Assert.True(RoutingHints.TryParse("  ", "", " ", out var hints, out _));

        Assert.Equal(new RoutingHints(null, ModelCapabilities.None, false), hints);
    }

    [Theory]
    [InlineData("50", 50)]
    [InlineData(" 250 ", 250)]
    [InlineData("1", 1)]
    public void A_latency_budget_is_whole_milliseconds(string header, int expected)
    {
        Assert.True(RoutingHints.TryParse(header, null, null, out var hints, out _));

        Assert.Equal(expected, hints.MaxLatencyMs);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("fast")]
    [InlineData("+50")]
    [InlineData("99999999999")]
    public void A_bad_latency_budget_is_refused_naming_the_header(string header)
    {
        Assert.False(RoutingHints.TryParse(header, null, null, out var hints, out var error));

        Assert.Contains(RoutingHeaders.MaxLatencyMs, error, StringComparison.Ordinal);
        Assert.Contains("milliseconds", error, StringComparison.Ordinal);
        Assert.Equal(default, hints);
    }

    [Theory]
    [InlineData("tools", ModelCapabilities.Tools)]
    [InlineData("tools,json", ModelCapabilities.Tools | ModelCapabilities.Json)]
    [InlineData(" Vision , REASONING ", ModelCapabilities.Vision | ModelCapabilities.Reasoning)]
    [InlineData("strict_json", ModelCapabilities.StrictJson | ModelCapabilities.Json)]
    [InlineData("tools,,json,", ModelCapabilities.Tools | ModelCapabilities.Json)]
    [InlineData("json,json", ModelCapabilities.Json)]
    public void Needs_are_a_case_insensitive_comma_list(string header, ModelCapabilities expected)
    {
        Assert.True(RoutingHints.TryParse(null, header, null, out var hints, out _));

        Assert.Equal(expected, hints.Needs);
    }

    [Theory]
    [InlineData("audio")]
    [InlineData("tools;json")]
    [InlineData("tools,strict json")]
    [InlineData("text")]
    public void An_unknown_need_is_refused_naming_the_header_and_the_accepted_values(string header)
    {
        Assert.False(RoutingHints.TryParse(null, header, null, out _, out var error));

        Assert.Contains(RoutingHeaders.Needs, error, StringComparison.Ordinal);
        Assert.Contains("tools, json, strict_json, vision, reasoning", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData(" TRUE ", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("0", false)]
    public void Cost_sensitivity_is_a_boolean(string header, bool expected)
    {
        Assert.True(RoutingHints.TryParse(null, null, header, out var hints, out _));

        Assert.Equal(expected, hints.CostSensitive);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("2")]
    [InlineData("truth")]
    public void A_bad_cost_flag_is_refused_naming_the_header(string header)
    {
        Assert.False(RoutingHints.TryParse(null, null, header, out _, out var error));

        Assert.Contains(RoutingHeaders.CostSensitive, error, StringComparison.Ordinal);
    }

    [Fact]
    public void All_three_headers_combine()
    {
        Assert.True(RoutingHints.TryParse("80", "tools", "1", out var hints, out _));

        Assert.Equal(new RoutingHints(80, ModelCapabilities.Tools, true), hints);
    }
}
