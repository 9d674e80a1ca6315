using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using OrleansGroq.IntegrationTests.Infrastructure;
using OrleansGroq.Testing;

namespace OrleansGroq.IntegrationTests.Cluster.Processes;

/// <summary>
/// The gateway run as its own process, from the build of <c>src/OrleansGroq.Silo</c> that this test project built, on
/// ports of its own and configured through the environment, as a deployment would configure it. Killing it is a crash:
/// the process gets no chance to leave the cluster; terminating it (SIGTERM) is the stop a supervisor asks for.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private readonly ProcessStartInfo _info;
    private readonly ConcurrentQueue<string> _output = new();
    private Process _process;

    private SiloProcess(ProcessStartInfo info, Uri baseAddress, int siloPort)
    {
        _info = info;
        _process = Launch();
        BaseAddress = baseAddress;
        SiloPort = siloPort;
        Http = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    public int SiloPort { get; }

    public HttpClient Http { get; }

    /// <summary>What the process printed, every run of it, in order.</summary>
    public IReadOnlyCollection<string> Output => _output;

    public static Task<SiloProcess> StartAsync(IReadOnlyDictionary<string, string> environment) => StartAsync(SiloDll(), environment);

    /// <summary>Starts the gateway from <paramref name="dll"/> (a build or a publish of the silo) and waits until it answers.</summary>
    public static async Task<SiloProcess> StartAsync(string dll, IReadOnlyDictionary<string, string> environment)
    {
        var (httpPort, siloPort, gatewayPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add($"--urls=http://127.0.0.1:{httpPort}");
        info.Environment["Orleans__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture);
        info.Environment["Orleans__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture);
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var silo = new SiloProcess(info, new Uri($"http://127.0.0.1:{httpPort}/"), siloPort);
        try
        {
            await silo.WaitUntilLiveAsync();
        }
        catch
        {
            // A process that never answered would otherwise outlive the test and load the machine for the next ones.
            await silo.DisposeAsync();
            throw;
        }

        return silo;
    }

    /// <summary>
    /// Starts <paramref name="count"/> gateways at once and waits until each answers; when one does not, the others are
    /// stopped too, since no caller holds them yet.
    /// </summary>
    public static async Task<SiloProcess[]> StartManyAsync(int count, IReadOnlyDictionary<string, string> environment)
    {
        var starting = Enumerable.Range(0, count).Select(_ => StartAsync(environment)).ToList();
        try
        {
            return await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var started in starting.Where(task => task.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Kills the process at once, as <c>kill -9</c> would.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Kills the process and starts it again on the same ports, as a supervisor restarts a crashed silo.</summary>
    public async Task RestartAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        await StartAgainAsync();
    }

    /// <summary>Sends SIGTERM, as a supervisor stopping the process does, and returns its exit code once it has exited.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        var (status, output) = await ProcessRunner.RunAsync(
            "kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)], RepositoryPaths.Root, null, TimeSpan.FromSeconds(10));
        Assert.True(status == 0, $"kill -TERM failed: {output}");
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <summary>Starts the process again on the same ports after it exited, and waits until it answers.</summary>
    public async Task StartAgainAsync()
    {
        _process.Dispose();
        _process = Launch();
        await WaitUntilLiveAsync();
    }

    /// <summary>Whether <c>/health/ready</c> answers 200; false on any other answer or none.</summary>
    public async Task<bool> IsReadyAsync()
    {
        try
        {
            using var response = await Http.GetAsync("health/ready");
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
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

    private Process Launch()
    {
        var process = Process.Start(_info) ?? throw new InvalidOperationException("Could not start the silo process.");
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
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
                throw new InvalidOperationException(
                    $"The silo process exited with code {_process.ExitCode} while starting. Its last lines:\n{string.Join('\n', _output.TakeLast(30))}");
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
