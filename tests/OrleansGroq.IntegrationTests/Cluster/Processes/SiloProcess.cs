using System.Diagnostics;
using System.Globalization;
using System.Net;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Cluster.Processes;

/// <summary>
/// The gateway run as its own process, from the build of <c>src/OrleansGroq.Silo</c> that this test project built, on
/// ports of its own and configured through the environment, as a deployment would configure it. Killing it is a crash:
/// the process gets no chance to leave the cluster.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private readonly ProcessStartInfo _info;
    private Process _process;

    private SiloProcess(ProcessStartInfo info, Uri baseAddress, int siloPort)
    {
        _info = info;
        _process = Launch(info);
        BaseAddress = baseAddress;
        SiloPort = siloPort;
        Http = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    public int SiloPort { get; }

    public HttpClient Http { get; }

    public static async Task<SiloProcess> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var (httpPort, siloPort, gatewayPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(SiloDll());
        info.ArgumentList.Add($"--urls=http://127.0.0.1:{httpPort}");
        info.Environment["Orleans__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture);
        info.Environment["Orleans__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture);
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var silo = new SiloProcess(info, new Uri($"http://127.0.0.1:{httpPort}/"), siloPort);
        await silo.WaitUntilLiveAsync();
        return silo;
    }

    /// <summary>Kills the process at once, as <c>kill -9</c> would.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Kills the process and starts it again on the same ports, as a supervisor restarts a crashed silo.</summary>
    public async Task RestartAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = Launch(_info);
        await WaitUntilLiveAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static Process Launch(ProcessStartInfo info)
    {
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the silo process.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    // The silo's own build output: this test project's build built it in the same configuration.
    private static string SiloDll()
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(RepositoryPaths.Root, "src", "OrleansGroq.Silo", "bin", configuration, "net10.0", "OrleansGroq.Silo.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("The silo's build output was not found.", dll);
    }

    private async Task WaitUntilLiveAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The silo process exited with code {_process.ExitCode} while starting.");
            }

            try
            {
                using var response = await Http.GetAsync("health/live");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The silo process did not answer on {BaseAddress} within 60 s.");
    }
}
