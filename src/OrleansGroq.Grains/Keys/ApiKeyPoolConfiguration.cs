using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Keys;

namespace OrleansGroq.Grains.Keys;

/// <summary>
/// Reads the key list from <c>Groq:Keys</c>, a single key from <c>GROQ_API_KEY</c>, which becomes alias <c>default</c>,
/// and the boards' subscription renewal from <c>Groq:KeySubscriptionRenewal</c>.
/// </summary>
internal sealed class ApiKeyPoolConfiguration(IConfiguration configuration) : IConfigureOptions<ApiKeyPoolOptions>
{
    public void Configure(ApiKeyPoolOptions options)
    {
        configuration.GetSection(ApiKeyPoolOptions.KeysSectionName).Bind(options.Keys);
        options.SubscriptionRenewal = configuration.GetValue(ApiKeyPoolOptions.SubscriptionRenewalSettingName, options.SubscriptionRenewal);
        var single = configuration[ApiKeyPoolOptions.SingleKeySettingName];
        if (!string.IsNullOrWhiteSpace(single))
        {
            options.Keys.Add(new ApiKeyOptions
            {
                Alias = ApiKeyPoolOptions.SingleKeyAlias,
                Account = ApiKeyPoolOptions.SingleKeyAlias,
                Secret = single.Trim(),
            });
        }
    }
}
