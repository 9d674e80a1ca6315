using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Quota;

namespace OrleansGroq.Grains.Quota;

/// <summary>Stops the process at start on bad quota settings, naming each one.</summary>
internal sealed class QuotaOptionsValidator : IValidateOptions<QuotaOptions>
{
    private const string Section = QuotaOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, QuotaOptions options)
    {
        var failures = new List<string>();
        foreach (var (account, models) in options.Accounts)
        {
            foreach (var (model, limits) in models)
            {
                CheckLimits(failures, $"{Section}:Accounts:{account}:{model}", limits);
            }
        }

        foreach (var (tenant, limits) in options.Tenants)
        {
            CheckLimits(failures, $"{Section}:Tenants:{tenant}", limits);
            if (tenant.Contains('/', StringComparison.Ordinal))
            {
                failures.Add($"{Section}:Tenants:{tenant} names a tenant with a '/', which a quota key cannot hold.");
            }
        }

        foreach (var (model, limits) in options.Defaults)
        {
            CheckLimits(failures, $"{Section}:Defaults:{model}", limits);
        }

        if (options.SliceDuration <= TimeSpan.Zero || options.SliceDuration > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Section}:{nameof(options.SliceDuration)} must be positive and at most a minute (is {options.SliceDuration}).");
        }

        if (options.MinSliceRequests < 0)
        {
            failures.Add($"{Section}:{nameof(options.MinSliceRequests)} must not be negative (is {options.MinSliceRequests}).");
        }

        if (!(options.MaxTokensShare is > 0 and <= 1))
        {
            failures.Add($"{Section}:{nameof(options.MaxTokensShare)} must be above 0 and at most 1 (is {options.MaxTokensShare}).");
        }

        if (!(options.PromptEstimateMargin is >= 0 and <= 10))
        {
            failures.Add($"{Section}:{nameof(options.PromptEstimateMargin)} must be from 0 to 10 (is {options.PromptEstimateMargin}).");
        }

        if (options.DefaultCompletionTokens < 0)
        {
            failures.Add($"{Section}:{nameof(options.DefaultCompletionTokens)} must not be negative (is {options.DefaultCompletionTokens}).");
        }

        if (options.IdleReturnAfter <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:{nameof(options.IdleReturnAfter)} must be positive (is {options.IdleReturnAfter}).");
        }

        if (!(options.BatchReserve is >= 0 and < 1))
        {
            failures.Add($"{Section}:{nameof(options.BatchReserve)} must be at least 0 and below 1 (is {options.BatchReserve}).");
        }

        if (!(options.SafetyMargin is >= 0 and < 1))
        {
            failures.Add($"{Section}:{nameof(options.SafetyMargin)} must be at least 0 and below 1 (is {options.SafetyMargin}).");
        }
        else if (options.BatchReserve is >= 0 and < 1 && options.SafetyMargin + options.BatchReserve >= 1)
        {
            failures.Add($"{Section}:{nameof(options.SafetyMargin)} plus {nameof(options.BatchReserve)} must be below 1 (is {options.SafetyMargin + options.BatchReserve}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckLimits(List<string> failures, string setting, QuotaLimitOptions limits)
    {
        Check(failures, $"{setting}:{nameof(limits.Rpm)}", limits.Rpm);
        Check(failures, $"{setting}:{nameof(limits.Rpd)}", limits.Rpd);
        Check(failures, $"{setting}:{nameof(limits.Tpm)}", limits.Tpm);
        Check(failures, $"{setting}:{nameof(limits.Tpd)}", limits.Tpd);
    }

    private static void Check(List<string> failures, string setting, long? limit)
    {
        if (limit is < 0 or > QuotaLimits.MaxLimit)
        {
            failures.Add($"{setting} must be between 0 (unlimited) and {QuotaLimits.MaxLimit} (is {limit}).");
        }
    }
}
