using OrleansGroq.Emulator.Faults;

namespace OrleansGroq.Emulator.Configuration;

/// <summary>Checks options at start so a bad setting stops the emulator with a message naming it.</summary>
internal static class OptionsValidator
{
    public static void Validate(EmulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!TimeProfiles.IsKnown(options.TimeProfile))
        {
            Fail($"time_profile '{options.TimeProfile}' is unknown; use '{TimeProfiles.Zero}' or '{TimeProfiles.Realistic}'");
        }

        if (options.DefaultCompletionTokens is < 1 or > 1_000_000)
        {
            Fail("default_completion_tokens must be between 1 and 1000000");
        }

        var models = options.Models ?? DefaultCatalog.Get();
        var modelIds = ValidateModels(models);
        ValidateAccounts(options.Accounts ?? Fail<List<AccountOptions>>("accounts must not be null"), modelIds);

        var faults = options.Faults ?? Fail<List<FaultRule>>("faults must not be null");
        for (var i = 0; i < faults.Count; i++)
        {
            var problem = FaultRuleValidator.Check(faults[i]);
            if (problem is not null)
            {
                Fail($"faults[{i}].{problem}");
            }
        }
    }

    private static HashSet<string> ValidateModels(IReadOnlyList<ModelOptions> models)
    {
        if (models.Count == 0)
        {
            Fail("models must list at least one model");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < models.Count; i++)
        {
            var model = models[i] ?? Fail<ModelOptions>($"models[{i}] must not be null");
            var at = $"models[{i}]";
            if (string.IsNullOrWhiteSpace(model.Id))
            {
                Fail($"{at}.id is required");
            }

            if (!ids.Add(model.Id))
            {
                Fail($"{at}.id '{model.Id}' appears twice");
            }

            if (model.ContextWindow <= 0)
            {
                Fail($"{at}.context_window must be positive");
            }

            if (model.MaxCompletionTokens <= 0)
            {
                Fail($"{at}.max_completion_tokens must be positive");
            }

            if (!(model.Speed > 0) || double.IsInfinity(model.Speed))
            {
                Fail($"{at}.speed must be a positive number of tokens per second");
            }

            if (model.QueueTimeMs < 0 || model.TimeToFirstTokenMs < 0)
            {
                Fail($"{at}.queue_time_ms and time_to_first_token_ms must not be negative");
            }

            ValidateLimits(model.Limits, $"{at}.limits");
        }

        return ids;
    }

    private static void ValidateAccounts(List<AccountOptions> accounts, HashSet<string> modelIds)
    {
        var accountIds = new HashSet<string>(StringComparer.Ordinal);
        var aliases = new HashSet<string>(StringComparer.Ordinal);
        var secrets = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < accounts.Count; i++)
        {
            var account = accounts[i] ?? Fail<AccountOptions>($"accounts[{i}] must not be null");
            var at = $"accounts[{i}]";
            if (string.IsNullOrWhiteSpace(account.Id) || !accountIds.Add(account.Id))
            {
                Fail($"{at}.id must be present and unique");
            }

            if (account.Keys is null || account.Keys.Count == 0)
            {
                Fail($"{at}.keys must list at least one key");
            }

            for (var k = 0; k < account.Keys.Count; k++)
            {
                var key = account.Keys[k] ?? Fail<ApiKeyOptions>($"{at}.keys[{k}] must not be null");
                if (string.IsNullOrWhiteSpace(key.Alias) || !aliases.Add(key.Alias))
                {
                    Fail($"{at}.keys[{k}].alias must be present and unique");
                }

                // The secret itself must never appear in a message, only where it sits.
                if (string.IsNullOrWhiteSpace(key.Secret) || key.Secret.Any(char.IsWhiteSpace) || !secrets.Add(key.Secret))
                {
                    Fail($"{at}.keys[{k}].secret must be present, without spaces, and unique");
                }
            }

            foreach (var (model, limits) in account.Limits ?? [])
            {
                if (!modelIds.Contains(model))
                {
                    Fail($"{at}.limits names unknown model '{model}'");
                }

                ValidateLimits(limits, $"{at}.limits['{model}']");
            }
        }
    }

    private static void ValidateLimits(ModelLimits? limits, string at)
    {
        if (limits is null)
        {
            Fail($"{at} must not be null");
        }

        if (limits.Rpm < 0 || limits.Rpd < 0 || limits.Tpm < 0 || limits.Tpd < 0)
        {
            Fail($"{at}: rpm, rpd, tpm and tpd must not be negative (0 means unlimited)");
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Fail(string message) => throw new InvalidOperationException($"Emulator configuration: {message}.");

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static T Fail<T>(string message) => throw new InvalidOperationException($"Emulator configuration: {message}.");
}
