using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansGroq.IntegrationTests.Infrastructure;
using OrleansGroq.Testing;

namespace OrleansGroq.IntegrationTests.Deploy;

/// <summary>
/// <c>deploy/local-cluster.sh up 3</c> starts a PostgreSQL and three silos that form one cluster, as each silo's
/// <c>/admin/cluster</c> shows, and <c>down</c> leaves no process of it behind. The script runs this test build of the
/// gateway, in a directory and on ports of its own.
/// </summary>
public sealed partial class LocalClusterScriptTests : IDisposable
{
    private const int Silos = 3;

    // The script's ports are offsets from its base: HTTP +0.., silos +100.., Orleans clients +200.., PostgreSQL +300.
    private static readonly int[] Offsets = [.. Enumerable.Range(0, Silos).SelectMany(i => new[] { i, 100 + i, 200 + i }), 300];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "orleansgroq-local-cluster-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly Dictionary<string, string> _environment;

    public LocalClusterScriptTests() =>
        _environment = new()
        {
            ["LOCAL_CLUSTER_DIR"] = _directory,
            ["LOCAL_CLUSTER_BASE_PORT"] = FreeBase().ToString(CultureInfo.InvariantCulture),
            ["LOCAL_CLUSTER_APP"] = SiloDll(),
        };

    [Fact]
    public async Task Up_3_forms_a_cluster_of_three_and_down_leaves_no_process_behind()
    {
        var (upCode, upOutput) = await RunAsync("up", Silos.ToString(CultureInfo.InvariantCulture));
        var processes = Processes();
        try
        {
            Assert.True(upCode == 0, upOutput);
            var urls = NodeUrl().Matches(upOutput).Select(m => new Uri(m.Groups["url"].Value)).ToList();
            Assert.Equal(Silos, urls.Count);
            using var http = new HttpClient();
            foreach (var url in urls)
            {
                using var cluster = JsonDocument.Parse(await http.GetStringAsync(new Uri(url, "admin/cluster")));
                Assert.Equal(Silos, cluster.RootElement.GetProperty("silos").EnumerateArray().Count(s => s.GetProperty("status").GetString() == "Active"));
            }

            var (_, status) = await RunAsync("status");
            Assert.Equal(Silos, Regex.Matches(status, " ready$", RegexOptions.Multiline).Count);
            Assert.True(processes.Count > Silos, $"Expected the silos and PostgreSQL's processes, found {processes.Count}.");
        }
        finally
        {
            var (downCode, downOutput) = await RunAsync("down");
            Assert.True(downCode == 0, downOutput);
        }

        Assert.DoesNotContain(processes, IsRunning);
        Assert.Empty(Processes());
        Assert.False(Directory.Exists(_directory));
    }

    public void Dispose()
    {
        // Should an assertion have failed before down, the cluster must not outlive the test.
        if (Directory.Exists(_directory))
        {
            RunAsync("down").GetAwaiter().GetResult();
        }
    }

    private Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(Path.Combine(RepositoryPaths.Root, "deploy", "local-cluster.sh"), arguments, RepositoryPaths.Root, _environment, TimeSpan.FromMinutes(3));

    /// <summary>The processes of the cluster: the silos the script recorded, and every process whose command line names its directory (PostgreSQL's).</summary>
    private List<int> Processes()
    {
        var silos = Directory.Exists(_directory)
            ? Directory.GetFiles(_directory, "silo-*.pid").Select(f => int.Parse(File.ReadAllText(f).Trim(), CultureInfo.InvariantCulture))
            : [];
        var named = Directory.GetDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => name!.All(char.IsAsciiDigit))
            .Where(pid => ReadCommandLine(pid!).Contains(_directory, StringComparison.Ordinal))
            .Select(pid => int.Parse(pid!, CultureInfo.InvariantCulture))
            .Where(IsRunning);
        return [.. silos.Concat(named).Distinct()];
    }

    // An exited process that its parent has not reaped yet (a zombie, state Z) runs no more.
    private static bool IsRunning(int pid)
    {
        var stat = ReadProc(pid.ToString(CultureInfo.InvariantCulture), "stat");
        return stat.Length > 0 && stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault() != 'Z';
    }

    private static string ReadCommandLine(string pid) => ReadProc(pid, "cmdline").Replace('\0', ' ');

    private static string ReadProc(string pid, string file)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/{file}");
        }
        catch (IOException)
        {
            // Gone while listing.
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    // A base port whose every offset is free now, from the range the tests' other fixed ports come from.
    private static int FreeBase()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var candidate = Random.Shared.Next(20_000, 31_000);
            if (Offsets.All(offset => IsFree(candidate + offset)))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("No free block of ports for the local cluster.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    // The build of the gateway this test project built, as the other process tests run it.
    private static string SiloDll()
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        return Path.Combine(RepositoryPaths.Root, "src", "OrleansGroq.Silo", "bin", configuration, "net10.0", "OrleansGroq.Silo.dll");
    }

    [GeneratedRegex(@"^silo \d+: (?<url>http://\S+)", RegexOptions.Multiline)]
    private static partial Regex NodeUrl();
}
