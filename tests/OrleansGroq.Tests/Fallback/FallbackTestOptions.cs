using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Fallback;

namespace OrleansGroq.Tests.Fallback;

internal static class FallbackTestOptions
{
    public static IOptions<LocalFallbackOptions> Create(Action<LocalFallbackOptions>? configure = null)
    {
        var options = new LocalFallbackOptions();
        configure?.Invoke(options);
        return Options.Create(options);
    }
}
