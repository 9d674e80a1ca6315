using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Fallback;

namespace OrleansGroq.Grains.Fallback;

/// <summary>Stops the process at start on bad fallback settings, naming each one: the fallback must work when nothing else does.</summary>
internal sealed class LocalFallbackOptionsValidator : IValidateOptions<LocalFallbackOptions>
{
    private const string Section = LocalFallbackOptions.SectionName;
    private static readonly TimeSpan MaxMatchTimeout = TimeSpan.FromSeconds(10);

    public ValidateOptionsResult Validate(string? name, LocalFallbackOptions options)
    {
        var failures = new List<string>();
        if (options.Templates.All(string.IsNullOrWhiteSpace))
        {
            failures.Add($"{Section}:{nameof(options.Templates)} must hold at least one non-empty reply.");
        }

        if (string.IsNullOrWhiteSpace(options.BlockedReply))
        {
            failures.Add($"{Section}:{nameof(options.BlockedReply)} must not be empty.");
        }

        foreach (var (pattern, expression) in options.Patterns)
        {
            if (!string.IsNullOrWhiteSpace(expression) && ParseError(expression) is { } error)
            {
                failures.Add($"{Section}:{nameof(options.Patterns)}:{pattern} is not a valid regular expression: {error}");
            }
        }

        if (options.MatchTimeout <= TimeSpan.Zero || options.MatchTimeout > MaxMatchTimeout)
        {
            failures.Add($"{Section}:{nameof(options.MatchTimeout)} must be positive and at most {MaxMatchTimeout} (is {options.MatchTimeout}).");
        }

        CheckWeight(failures, nameof(options.RiskKeywordWeight), options.RiskKeywordWeight);
        CheckWeight(failures, nameof(options.ScamPatternWeight), options.ScamPatternWeight);
        if (!(options.RepetitionThreshold is > 0 and <= 1))
        {
            failures.Add($"{Section}:{nameof(options.RepetitionThreshold)} must be above 0 and at most 1 (is {options.RepetitionThreshold}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? ParseError(string expression)
    {
        try
        {
            _ = new Regex(expression, RegexOptions.CultureInvariant);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    private static void CheckWeight(List<string> failures, string setting, double weight)
    {
        if (!(weight is >= 0 and <= 1))
        {
            failures.Add($"{Section}:{setting} must be from 0 to 1 (is {weight}).");
        }
    }
}
