using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Keys;

namespace OrleansGroq.Grains.Keys;

/// <summary>Stops the process at start on a bad key list, naming the setting. Messages never include a secret.</summary>
internal sealed class ApiKeyPoolOptionsValidator : IValidateOptions<ApiKeyPoolOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiKeyPoolOptions options)
    {
        var failures = new List<string>();
        var aliases = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Keys.Count; i++)
        {
            var key = options.Keys[i];
            var setting = $"{ApiKeyPoolOptions.KeysSectionName}:{i}";
            if (string.IsNullOrWhiteSpace(key.Alias))
            {
                failures.Add($"{setting}:{nameof(ApiKeyOptions.Alias)} is empty.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(key.Secret))
            {
                failures.Add($"{setting}:{nameof(ApiKeyOptions.Secret)} is empty (key '{key.Alias}').");
            }

            if (!aliases.Add(key.Alias))
            {
                var hint = string.Equals(key.Alias, ApiKeyPoolOptions.SingleKeyAlias, StringComparison.OrdinalIgnoreCase)
                    ? $" ({ApiKeyPoolOptions.SingleKeySettingName} adds a key with this alias)"
                    : "";
                failures.Add($"{ApiKeyPoolOptions.KeysSectionName}: the alias '{key.Alias}' is used by more than one key{hint}.");
            }
        }

        if (options.DefaultCooldown <= TimeSpan.Zero)
        {
            failures.Add($"{nameof(ApiKeyPoolOptions)}.{nameof(options.DefaultCooldown)} must be positive (is {options.DefaultCooldown}).");
        }

        if (options.SubscriptionRenewal <= TimeSpan.Zero)
        {
            failures.Add($"{ApiKeyPoolOptions.SubscriptionRenewalSettingName} must be positive (is {options.SubscriptionRenewal}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
