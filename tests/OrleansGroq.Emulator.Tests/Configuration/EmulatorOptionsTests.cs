using OrleansGroq.Emulator.Configuration;

namespace OrleansGroq.Emulator.Tests.Configuration;

public sealed class EmulatorOptionsTests
{
    [Fact]
    public void Parses_the_documented_snake_case_shape()
    {
        var options = EmulatorOptions.Parse("""
            {
              // comments are allowed
              "accounts": [{"id":"org_a","keys":[{"alias":"a1","secret":"gsk_a1"}],"limits":{"llama-3.1-8b-instant":{"rpm":30,"rpd":14400,"tpm":6000,"tpd":500000}}}],
              "time_profile": "realistic",
              "default_completion_tokens": 12,
              "faults": [{"kind":"status_503","key":"a1","model":"llama-3.1-8b-instant","request_numbers":[2,3],"probability":0.5,"times":1,"delay_ms":10,"after_chunks":2}]
            }
            """);

        var account = Assert.Single(options.Accounts);
        Assert.Equal("org_a", account.Id);
        Assert.Equal("a1", account.Keys[0].Alias);
        Assert.Equal(new ModelLimits { Rpm = 30, Rpd = 14400, Tpm = 6000, Tpd = 500000 }, account.Limits["llama-3.1-8b-instant"]);
        Assert.Equal("realistic", options.TimeProfile);
        Assert.Equal(12, options.DefaultCompletionTokens);
        var fault = Assert.Single(options.Faults);
        Assert.Equal(FaultKind.Status503, fault.Kind);
        Assert.Equal([2, 3], fault.RequestNumbers!);
        Assert.Equal(0.5, fault.Probability);
        Assert.Equal(2, fault.AfterChunks);
    }

    [Fact]
    public void Empty_configuration_keeps_groq_defaults()
    {
        var options = EmulatorOptions.Parse("{}");

        Assert.Empty(options.Accounts);
        Assert.Null(options.Models);
        Assert.Equal("zero", options.TimeProfile);
        Assert.Equal(32, options.DefaultCompletionTokens);
    }

    [Theory]
    [InlineData("""{"time_profile":"slow"}""", "time_profile 'slow' is unknown")]
    [InlineData("""{"default_completion_tokens":0}""", "default_completion_tokens")]
    [InlineData("""{"acounts":[]}""", "'acounts'")]
    [InlineData("""{"accounts":[{"id":"a","keys":[{"alias":"k","secret":"s1"}]},{"id":"b","keys":[{"alias":"k","secret":"s2"}]}]}""", "accounts[1].keys[0].alias")]
    [InlineData("""{"accounts":[{"id":"a","keys":[{"alias":"k","secret":"s1"}],"limits":{"gpt-4":{"rpm":1}}}]}""", "accounts[0].limits names unknown model 'gpt-4'")]
    [InlineData("""{"accounts":[{"id":"a","keys":[{"alias":"k","secret":"s1"}],"limits":{"llama-3.1-8b-instant":{"rpm":-1}}}]}""", "accounts[0].limits['llama-3.1-8b-instant']")]
    [InlineData("""{"accounts":[{"id":"a","keys":[]}]}""", "accounts[0].keys must list at least one key")]
    [InlineData("""{"faults":[{"kind":"latency"}]}""", "faults[0].delay_ms is required")]
    [InlineData("""{"faults":[{"kind":"status_500","probability":2}]}""", "faults[0].probability")]
    [InlineData("""{"faults":[{"kind":"explode"}]}""", "faults")]
    [InlineData("""{"models":[{"id":"m","context_window":0,"max_completion_tokens":1,"speed":1}]}""", "models[0].context_window")]
    public void Invalid_settings_are_named(string json, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => EmulatorOptions.Parse(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_secret_is_refused_without_showing_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => EmulatorOptions.Parse(
            """{"accounts":[{"id":"a","keys":[{"alias":"k1","secret":"gsk_same_secret"}]},{"id":"b","keys":[{"alias":"k2","secret":"gsk_same_secret"}]}]}"""));

        Assert.Contains("accounts[1].keys[0].secret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("gsk_same_secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_names_a_missing_file() =>
        Assert.Contains("/nonexistent/emulator.json", Assert.Throws<InvalidOperationException>(() => EmulatorOptions.Load("/nonexistent/emulator.json")).Message, StringComparison.Ordinal);

    [Fact]
    public void Embedded_catalog_has_groq_models_flags_and_free_tier_limits()
    {
        var models = DefaultCatalog.Get().ToDictionary(m => m.Id);

        Assert.Equal(11, models.Count);
        Assert.Equal(new ModelLimits { Rpm = 30, Rpd = 14400, Tpm = 6000, Tpd = 500000 }, models["llama-3.1-8b-instant"].Limits);
        Assert.Equal(new ModelLimits { Rpm = 30, Rpd = 1000, Tpm = 12000, Tpd = 100000 }, models["llama-3.3-70b-versatile"].Limits);
        Assert.Equal(new ModelLimits { Rpm = 30, Rpd = 250, Tpm = 70000 }, models["groq/compound"].Limits);
        Assert.Equal(new ModelLimits { Rpm = 20, Rpd = 2000 }, models["whisper-large-v3-turbo"].Limits);
        Assert.Equal(560, models["llama-3.1-8b-instant"].Speed);
        Assert.True(models["openai/gpt-oss-120b"] is { Reasoning: true, PromptCaching: true, StrictJson: true });
        Assert.True(models["qwen/qwen3-32b"] is { Reasoning: true, PromptCaching: false });
        Assert.True(models["moonshotai/kimi-k2-instruct-0905"] is { PromptCaching: true, ContextWindow: 262144 });
        Assert.True(models["meta-llama/llama-4-scout-17b-16e-instruct"].Vision);
        Assert.True(models["groq/compound-mini"].Compound);
        Assert.True(models["whisper-large-v3"].Audio);
    }
}
