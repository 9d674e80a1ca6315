using System.Text.Json;

namespace OrleansGroq.Emulator.Configuration;

/// <summary>The model catalog and free-tier limits embedded as <c>emulator.defaults.json</c>.</summary>
internal static class DefaultCatalog
{
    private const string ResourceName = "OrleansGroq.Emulator.emulator.defaults.json";

    private static readonly Lazy<IReadOnlyList<ModelOptions>> Models = new(Load);

    public static IReadOnlyList<ModelOptions> Get() => Models.Value;

    private static IReadOnlyList<ModelOptions> Load()
    {
        using var stream = typeof(DefaultCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        var defaults = JsonSerializer.Deserialize(stream, EmulatorJsonContext.Default.EmulatorOptions);
        return defaults?.Models ?? throw new InvalidOperationException($"{ResourceName} has no models.");
    }
}
