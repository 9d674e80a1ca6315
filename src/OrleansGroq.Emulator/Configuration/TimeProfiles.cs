namespace OrleansGroq.Emulator.Configuration;

/// <summary>Names of the time profiles <see cref="EmulatorOptions.TimeProfile"/> accepts.</summary>
internal static class TimeProfiles
{
    public const string Zero = "zero";

    public const string Realistic = "realistic";

    public static bool IsKnown(string? name) => name is Zero or Realistic;
}
