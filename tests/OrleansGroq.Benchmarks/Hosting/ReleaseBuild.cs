using System.Diagnostics;

namespace OrleansGroq.Benchmarks.Hosting;

internal static class ReleaseBuild
{
    /// <summary>Builds the gateway (and with it the emulator) in Release, so both run as they would in production.</summary>
    public static async Task EnsureAsync()
    {
        var info = new ProcessStartInfo("dotnet", ["build", "-c", "Release", "--nologo", "-v", "q", Path.Combine(RepositoryPaths.Root, "src", "OrleansGroq.Silo")])
        {
            UseShellExecute = false,
        };
        using var build = Process.Start(info) ?? throw new InvalidOperationException("Could not start dotnet build.");
        await build.WaitForExitAsync();
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException("The Release build failed.");
        }
    }
}
