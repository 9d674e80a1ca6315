using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Caching;

namespace OrleansGroq.Grains.Caching;

/// <summary>Stops the process at start on bad cache settings, naming each one.</summary>
internal sealed class ResponseCacheOptionsValidator : IValidateOptions<ResponseCacheOptions>
{
    private const string Section = ResponseCacheOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ResponseCacheOptions options)
    {
        var failures = new List<string>();
        if (options.MaxEntries < 1)
        {
            failures.Add($"{Section}:{nameof(options.MaxEntries)} must be at least 1 (is {options.MaxEntries}).");
        }

        if (options.TimeToLive <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:{nameof(options.TimeToLive)} must be positive (is {options.TimeToLive}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
