using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Grains.Quota;

namespace OrleansGroq.Tests.Quota;

public sealed class QuotaOptionsTests
{
    [Fact]
    public void Limits_come_from_the_account_then_the_model_default_per_limit_and_are_otherwise_unlimited()
    {
        var options = Bind(
            ("Quota:Accounts:org_a:llama-3.1-8b-instant:Rpm", "30"),
            ("Quota:Accounts:org_a:llama-3.1-8b-instant:Tpm", "6000"),
            ("Quota:Accounts:org_a:openai/gpt-oss-20b:Tpm", "250000"),
            ("Quota:Defaults:llama-3.1-8b-instant:Rpd", "14400"),
            ("Quota:Defaults:llama-3.1-8b-instant:Tpm", "1000"));

        Assert.Equal(new QuotaLimits(30, 14_400, 6000, 0), options.LimitsFor("org_a", "llama-3.1-8b-instant"));
        Assert.Equal(new QuotaLimits(0, 0, 250_000, 0), options.LimitsFor("org_a", "openai/gpt-oss-20b"));
        Assert.Equal(new QuotaLimits(0, 14_400, 1000, 0), options.LimitsFor("org_b", "llama-3.1-8b-instant"));
        Assert.Equal(QuotaLimits.Unlimited, options.LimitsFor("org_b", "whisper-large-v3"));
    }

    [Fact]
    public void Accounts_and_models_are_matched_whatever_their_case_as_configuration_keys_are()
    {
        var options = Bind(("Quota:Accounts:Org_A:Llama-3.1-8B-Instant:Rpm", "30"));

        Assert.Equal(30, options.LimitsFor("org_a", "llama-3.1-8b-instant").Rpm);
    }

    [Fact]
    public void The_tuning_settings_bind_and_default_sensibly()
    {
        var defaults = Bind();
        var tuned = Bind(("Quota:SliceDuration", "00:00:00.5"), ("Quota:MaxTokensShare", "0.5"), ("Quota:DefaultCompletionTokens", "256"),
            ("Quota:IdleReturnAfter", "00:00:10"), ("Quota:BatchReserve", "0.2"));

        Assert.Equal((TimeSpan.FromMilliseconds(250), 1.0, 512, TimeSpan.FromSeconds(5), 0.1),
            (defaults.SliceDuration, defaults.MaxTokensShare, defaults.DefaultCompletionTokens, defaults.IdleReturnAfter, defaults.BatchReserve));
        Assert.Equal((TimeSpan.FromMilliseconds(500), 0.5, 256, TimeSpan.FromSeconds(10), 0.2),
            (tuned.SliceDuration, tuned.MaxTokensShare, tuned.DefaultCompletionTokens, tuned.IdleReturnAfter, tuned.BatchReserve));
    }

    [Fact]
    public void Bad_settings_stop_the_start_naming_every_one()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(
            ("Quota:Accounts:org_a:llama-3.1-8b-instant:Rpm", "-1"),
            ("Quota:Defaults:openai/gpt-oss-20b:Tpd", "10000000000000000"),
            ("Quota:SliceDuration", "00:00:00"),
            ("Quota:MaxTokensShare", "1.5"),
            ("Quota:DefaultCompletionTokens", "-1"),
            ("Quota:IdleReturnAfter", "-00:00:01"),
            ("Quota:BatchReserve", "1"),
            ("Quota:SafetyMargin", "-0.1")));

        Assert.Equal(8, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.StartsWith("Quota:Accounts:org_a:llama-3.1-8b-instant:Rpm ", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Quota:Defaults:openai/gpt-oss-20b:Tpd ", StringComparison.Ordinal));
        Assert.All(["SliceDuration", "MaxTokensShare", "DefaultCompletionTokens", "IdleReturnAfter", "BatchReserve", "SafetyMargin"],
            setting => Assert.Contains(error.Failures, f => f.StartsWith($"Quota:{setting} ", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_tenants_buckets_take_its_own_limits_over_every_model_and_other_tenants_have_none()
    {
        var options = Bind(("Quota:Tenants:acme:Rpm", "60"), ("Quota:Tenants:acme:Tpm", "20000"), ("Quota:Accounts:acme:*:Rpm", "1"));
        var acme = QuotaKey.ForTenant("ACME");

        Assert.Equal(new QuotaLimits(60, 0, 20_000, 0), options.LimitsFor(acme.Account, acme.Model));
        Assert.Equal(QuotaLimits.Unlimited, options.LimitsFor(QuotaKey.ForTenant("other").Account, QuotaKey.AnyModel));
        Assert.Equal("tenant:acme/*", QuotaKey.ForTenant("acme").ToString());
        Assert.Equal(QuotaKey.ForTenant("acme"), QuotaKey.Parse("tenant:acme/*"));
    }

    [Fact]
    public void A_tenant_limit_that_is_negative_or_a_tenant_name_with_a_slash_stops_the_start()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(("Quota:Tenants:acme:Tpm", "-5"), ("Quota:Tenants:a/b:Rpm", "5")));

        Assert.Contains(error.Failures, f => f.StartsWith("Quota:Tenants:acme", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("'/'", StringComparison.Ordinal));
    }

    private static QuotaOptions Bind(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        using var services = new ServiceCollection().AddOrleansGroqQuota(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<QuotaOptions>>().Value;
    }
}
