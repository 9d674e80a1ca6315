using OrleansGroq.IntegrationTests.Infrastructure;

using OrleansGroq.Testing;

namespace OrleansGroq.IntegrationTests.Conformance;

/// <summary>Installs the npm clients of tests/conformance once per test run, then runs their suites.</summary>
internal static class NpmClients
{
    private static readonly Lazy<Task> Installed = new(InstallAsync);

    public static async Task<(int ExitCode, string Output)> RunSuiteAsync(string suite, IReadOnlyDictionary<string, string> environment)
    {
        await Installed.Value;
        return await ProcessRunner.RunAsync(
            "node", ["--test", "--test-reporter=spec", suite], RepositoryPaths.Conformance, environment, TimeSpan.FromMinutes(3));
    }

    private static async Task InstallAsync()
    {
        var marker = Path.Combine(RepositoryPaths.Conformance, "node_modules", ".package-lock.json");
        var lockFile = Path.Combine(RepositoryPaths.Conformance, "package-lock.json");
        if (File.Exists(marker) && File.GetLastWriteTimeUtc(marker) >= File.GetLastWriteTimeUtc(lockFile))
        {
            return;
        }

        var (exitCode, output) = await ProcessRunner.RunAsync(
            "npm", ["ci", "--no-audit", "--no-fund"], RepositoryPaths.Conformance, null, TimeSpan.FromMinutes(5));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"npm ci in tests/conformance failed ({exitCode}):\n{output}");
        }
    }
}
