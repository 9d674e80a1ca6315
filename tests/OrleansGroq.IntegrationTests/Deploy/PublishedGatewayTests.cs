using System.Net;
using System.Text.Json;
using OrleansGroq.IntegrationTests.Cluster.Processes;
using OrleansGroq.IntegrationTests.Infrastructure;
using OrleansGroq.Testing;

namespace OrleansGroq.IntegrationTests.Deploy;

/// <summary>
/// What the image runs: the published gateway, started with the Dockerfile's environment and nothing else, serves
/// chat from its built-in emulator, answers the image's health check, and stops on SIGTERM with exit code 0.
/// </summary>
public sealed class PublishedGatewayTests(PublishedGateway published) : IClassFixture<PublishedGateway>
{
    [Fact]
    public async Task The_published_gateway_serves_a_chat_completion_and_answers_the_image_health_check()
    {
        await using var gateway = await SiloProcess.StartAsync(published.Dll, ImageEnvironment());

        using var chat = await gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple()));
        var body = await chat.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        using var json = JsonDocument.Parse(body);
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()));

        Assert.Equal(0, await ProbeAsync(new Uri(gateway.BaseAddress, "health/ready")));
        Assert.Equal(1, await ProbeAsync(new Uri(ClosedPort.Root(), "health/ready")));
        Assert.Equal(0, await gateway.TerminateAsync(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public void The_published_output_holds_the_emulator_the_compose_profile_runs()
    {
        var entrypoint = DeployFiles.List(DeployFiles.ComposeServices()["emulator"], "entrypoint").Cast<string>().ToList();
        var program = Path.Combine(Path.GetDirectoryName(published.Dll)!, entrypoint[1]);

        Assert.Equal("dotnet", entrypoint[0]);
        Assert.True(File.Exists(program), $"{entrypoint[1]} is not in the published output.");
        Assert.True(File.Exists(Path.ChangeExtension(program, ".runtimeconfig.json")), $"{entrypoint[1]} cannot run without its runtimeconfig.json.");
    }

    // The image's ENV, less the ports and URL that the test process gives each gateway of its own.
    private static Dictionary<string, string> ImageEnvironment() =>
        DeployFiles.DockerfileEnvironment()
            .Where(e => e.Key is not "Urls" && !e.Key.StartsWith("Orleans__", StringComparison.Ordinal))
            .ToDictionary();

    /// <summary>Runs the image's health check command against <paramref name="url"/>; returns its exit code.</summary>
    private async Task<int> ProbeAsync(Uri url)
    {
        var (exitCode, _) = await ProcessRunner.RunAsync("dotnet", [published.Dll, "probe", url.ToString()], RepositoryPaths.Root, null, TimeSpan.FromSeconds(30));
        return exitCode;
    }
}
