using OrleansGroq.IntegrationTests.Infrastructure;
using OrleansGroq.Testing;

namespace OrleansGroq.IntegrationTests.Deploy;

/// <summary>
/// The gateway published by the very commands Silo.Dockerfile's build stage runs, read from it, into a directory of
/// its own: what the image's runtime stage copies. Publishing takes a minute, so a test class shares one.
/// </summary>
public sealed class PublishedGateway : IAsyncLifetime
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    private readonly string _output = Path.Combine(Path.GetTempPath(), "orleansgroq-publish-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>The published gateway's program, as the image's entry point runs it.</summary>
    public string Dll => Path.Combine(_output, "OrleansGroq.Silo.dll");

    public async Task InitializeAsync()
    {
        var commands = DeployFiles.DockerfileDotnetCommands();
        Assert.Contains(commands, c => c.StartsWith("publish ", StringComparison.Ordinal));
        foreach (var command in commands)
        {
            // The image's /app is this directory; the build context's root is the repository's.
            var arguments = command.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
            var output = arguments.IndexOf("-o");
            if (output >= 0)
            {
                arguments[output + 1] = _output;
            }

            var (exitCode, printed) = await ProcessRunner.RunAsync("dotnet", arguments, RepositoryPaths.Root, null, CommandTimeout);
            Assert.True(exitCode == 0, $"dotnet {string.Join(' ', arguments)} exited with {exitCode}:\n{printed}");
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_output, recursive: true);
        return Task.CompletedTask;
    }
}
