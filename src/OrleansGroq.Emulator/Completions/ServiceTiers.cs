namespace OrleansGroq.Emulator.Completions;

/// <summary>The <c>service_tier</c> values Groq accepts; <c>auto</c> is served as <c>on_demand</c>.</summary>
internal static class ServiceTiers
{
    public const string OnDemand = "on_demand";

    public static string? Normalize(ReadOnlySpan<byte> value) =>
        value.SequenceEqual("on_demand"u8) || value.SequenceEqual("auto"u8) ? OnDemand
        : value.SequenceEqual("flex"u8) ? "flex"
        : value.SequenceEqual("performance"u8) ? "performance"
        : null;
}
