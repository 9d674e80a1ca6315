using System.Diagnostics;
using System.Globalization;
using System.Text;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Client.Http;

/// <summary>
/// <c>samples/OrleansGroq.Sample</c> run as its own process from the build this test project made, configured through
/// the environment as its README says: a service that references only the client.
/// </summary>
internal sealed class SampleProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SampleProcess(Process process, Uri baseAddress)
    {
        _process = process;
        Http = new HttpClient { BaseAddress = baseAddress };
    }

    public HttpClient Http { get; }

    public static async Task<SampleProcess> StartAsync(Uri gateway)
    {
        var port = FreePort.Next();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(SampleDll())!,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(SampleDll());
        info.ArgumentList.Add($"--urls=http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        info.Environment["OrleansGroq__Endpoint"] = gateway.ToString();
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the sample.");
        var sample = new SampleProcess(process, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"));
        process.OutputDataReceived += (_, e) => sample.Append(e.Data);
        process.ErrorDataReceived += (_, e) => sample.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await sample.WaitUntilListeningAsync();
        return sample;
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

    private static string SampleDll()
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(RepositoryPaths.Root, "samples", "OrleansGroq.Sample", "bin", configuration, "net10.0", "OrleansGroq.Sample.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("The sample's build output was not found.", dll);
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilListeningAsync()
    {
        await Polling.UntilAsync(
            async () =>
            {
                if (_process.HasExited)
                {
                    Assert.Fail($"The sample exited with code {_process.ExitCode} while starting:\n{_output}");
                }

                try
                {
                    using var response = await Http.GetAsync("chats/none");
                    return true;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            "the sample listens",
            TimeSpan.FromSeconds(60));
    }
}
