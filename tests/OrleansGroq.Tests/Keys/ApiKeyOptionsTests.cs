using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Upstream;
using OrleansGroq.Grains;

namespace OrleansGroq.Tests.Keys;

public sealed class ApiKeyOptionsTests
{
    private const string Secret = "gsk_live_DO_NOT_LEAK_0123456789";

    [Fact]
    public void ToString_leaves_the_secret_out()
    {
        var key = new ApiKeyOptions { Alias = "main", Account = "org-1", Secret = Secret };
        var options = new ApiKeyPoolOptions { Keys = { key } };

        Assert.Equal("main (org-1)", key.ToString());
        Assert.DoesNotContain(Secret, options.ToString(), StringComparison.Ordinal);
        Assert.Contains("main", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_come_from_groq_keys_and_groq_api_key()
    {
        using var provider = Build(new()
        {
            ["Groq:Keys:0:Alias"] = "first",
            ["Groq:Keys:0:Account"] = "org-1",
            ["Groq:Keys:0:Secret"] = Secret,
            ["Groq:Keys:1:Alias"] = "second",
            ["Groq:Keys:1:Secret"] = Secret + "2",
            ["GROQ_API_KEY"] = " " + Secret + "3 ",
        });

        var pool = provider.GetRequiredService<IApiKeyPool>();
        var options = provider.GetRequiredService<IOptions<ApiKeyPoolOptions>>().Value;

        Assert.Equal([new("first", "org-1"), new("second", "second"), new("default", "default")], pool.Keys);
        Assert.Equal(Secret + "3", options.Keys[2].Secret);
    }

    [Fact]
    public void No_configured_key_is_a_valid_empty_pool()
    {
        using var provider = Build([]);

        var pool = provider.GetRequiredService<IApiKeyPool>();

        Assert.Empty(pool.Keys);
        Assert.False(pool.Select("s").Found);
    }

    [Fact]
    public void A_bad_key_list_stops_the_start_with_messages_naming_the_settings_and_no_secret()
    {
        using var provider = Build(new()
        {
            ["Groq:Keys:0:Alias"] = "default",
            ["Groq:Keys:0:Secret"] = Secret,
            ["Groq:Keys:1:Alias"] = "Twin",
            ["Groq:Keys:1:Secret"] = Secret,
            ["Groq:Keys:2:Alias"] = "twin",
            ["Groq:Keys:2:Secret"] = Secret,
            ["Groq:Keys:3:Alias"] = "empty",
            ["Groq:Keys:3:Secret"] = " ",
            ["Groq:Keys:4:Account"] = "org-without-alias",
            ["Groq:Keys:4:Secret"] = Secret,
            ["GROQ_API_KEY"] = Secret,
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IApiKeyPool>());

        Assert.Equal(
            [
                "Groq:Keys: the alias 'twin' is used by more than one key.",
                "Groq:Keys:3:Secret is empty (key 'empty').",
                "Groq:Keys:4:Alias is empty.",
                "Groq:Keys: the alias 'default' is used by more than one key (GROQ_API_KEY adds a key with this alias).",
            ],
            error.Failures);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_never_reach_logs_or_statuses()
    {
        await using var host = await KeyTestHost.StartAsync(("a", "org-a"), ("b", "org-b"));

        await host.ReportAsync("a", 429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(5) });
        await host.ReportAsync("b", 401);

        // The key grains' own log lines (cooldown, disabled) are checked on a real silo in the integration tests.
        Assert.True(host.Pool.GetStatus("b").Disabled);
        Assert.False(host.Pool.GetStatus("a").IsAvailableAt(host.Now));
        var visible = host.Logs.Entries
            .Concat(host.Pool.Keys.Select(key => key.ToString()))
            .Concat(host.Pool.Keys.Select(key => host.Pool.GetStatus(key.Alias).ToString()))
            .Append(host.Pool.Select("s").ToString())
            .Append(host.Services.GetRequiredService<IOptions<ApiKeyPoolOptions>>().Value.ToString());
        Assert.All(visible, text => Assert.DoesNotContain("TOPSECRET", text, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("00:00:30", null)]
    [InlineData("00:10:00", null)]
    [InlineData("00:00:00", "Groq:KeySubscriptionRenewal must be positive (is 00:00:00).")]
    [InlineData("-00:00:01", "Groq:KeySubscriptionRenewal must be positive (is -00:00:01).")]
    public void The_subscription_renewal_comes_from_groq_key_subscription_renewal_and_is_positive(string renewal, string? failure)
    {
        using var provider = Build(new() { ["Groq:Keys:0:Alias"] = "main", ["Groq:Keys:0:Secret"] = Secret, ["Groq:KeySubscriptionRenewal"] = renewal });

        var read = Record.Exception(() => provider.GetRequiredService<IOptions<ApiKeyPoolOptions>>().Value);

        if (failure is null)
        {
            Assert.Null(read);
            Assert.Equal(TimeSpan.Parse(renewal, System.Globalization.CultureInfo.InvariantCulture), provider.GetRequiredService<IOptions<ApiKeyPoolOptions>>().Value.SubscriptionRenewal);
        }
        else
        {
            Assert.Equal([failure], Assert.IsType<OptionsValidationException>(read).Failures);
        }
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddOrleansGroqGrains(configuration).BuildServiceProvider();
    }
}
