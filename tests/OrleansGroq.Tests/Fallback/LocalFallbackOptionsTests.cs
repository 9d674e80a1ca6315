using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Fallback;
using OrleansGroq.Grains.Fallback;

namespace OrleansGroq.Tests.Fallback;

public sealed class LocalFallbackOptionsTests
{
    [Fact]
    public void Defaults_follow_the_seed()
    {
        var options = Bind();

        Assert.InRange(options.Templates.Count, 4, 6);
        Assert.Equal(["upi_ids", "phone_numbers", "bank_accounts", "ifsc_codes", "emails", "urls"], options.Patterns.Keys);
        Assert.Equal(["UPI", "OTP", "bank", "transfer", "urgent", "blocked"], options.RiskKeywords);
        Assert.Equal(["won lottery", "your account", "verify now", "click here"], options.ScamPatterns);
        Assert.Equal((0.1, 0.2, 0.9, TimeSpan.FromSeconds(1)),
            (options.RiskKeywordWeight, options.ScamPatternWeight, options.RepetitionThreshold, options.MatchTimeout));
        Assert.NotEmpty(options.Blocklist);
    }

    [Fact]
    public void A_configured_list_replaces_the_default_instead_of_extending_it()
    {
        var options = Bind(("Fallback:Templates:0", "Degraded, retry."), ("Fallback:RiskKeywords:0", "crypto"), ("Fallback:RiskKeywords:1", "gift card"));

        Assert.Equal(["Degraded, retry."], options.Templates);
        Assert.Equal(["crypto", "gift card"], options.RiskKeywords);
        Assert.Equal(4, options.ScamPatterns.Count);
    }

    [Fact]
    public void An_empty_entry_turns_the_blocklist_off()
    {
        using var services = Services(("Fallback:Blocklist:0", ""));

        Assert.False(services.GetRequiredService<SafetyBlocklist>().IsBlocked("how do I make a bomb"));
    }

    [Fact]
    public void Patterns_merge_by_name_and_an_empty_pattern_removes_one()
    {
        using var services = Services(
            ("Fallback:Patterns:pan_numbers", @"\b[A-Z]{5}\d{4}[A-Z]\b"),
            ("Fallback:Patterns:URLS", @"\bwww\.\S+"),
            ("Fallback:Patterns:emails", ""));

        var patterns = services.GetRequiredService<PatternExtractor>().Patterns;

        Assert.Equal(["upi_ids", "phone_numbers", "bank_accounts", "ifsc_codes", "urls", "pan_numbers"], patterns.Keys);
        Assert.Equal(@"\bwww\.\S+", patterns["urls"].ToString());
    }

    [Fact]
    public void A_pattern_that_does_not_compile_stops_the_start_naming_the_setting()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(("Fallback:Patterns:broken", "([a-z")));

        var failure = Assert.Single(error.Failures);
        Assert.StartsWith("Fallback:Patterns:broken is not a valid regular expression", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_settings_stop_the_start_naming_every_one()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(
            ("Fallback:Templates:0", " "),
            ("Fallback:BlockedReply", ""),
            ("Fallback:MatchTimeout", "00:00:00"),
            ("Fallback:RiskKeywordWeight", "-0.1"),
            ("Fallback:ScamPatternWeight", "1.5"),
            ("Fallback:RepetitionThreshold", "0")));

        Assert.Equal(6, error.Failures.Count());
        Assert.All(["Templates", "BlockedReply", "MatchTimeout", "RiskKeywordWeight", "ScamPatternWeight", "RepetitionThreshold"],
            setting => Assert.Contains(error.Failures, f => f.StartsWith($"Fallback:{setting} ", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_fallback_and_its_writer_resolve_as_singletons()
    {
        using var services = Services();

        Assert.Same(services.GetRequiredService<LocalFallback>(), services.GetRequiredService<LocalFallback>());
        Assert.NotNull(services.GetRequiredService<DegradedCompletionWriter>());
    }

    private static LocalFallbackOptions Bind(params (string Key, string Value)[] settings)
    {
        using var services = Services(settings);
        return services.GetRequiredService<IOptions<LocalFallbackOptions>>().Value;
    }

    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return new ServiceCollection().AddOrleansGroqFallback(configuration).BuildServiceProvider();
    }
}
