using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace OrleansGroq.Testing;

/// <summary>
/// A throwaway PostgreSQL server in a temporary directory, on a free loopback port, tuned for tests rather than
/// durability, and gone with the test process that started it.
/// </summary>
internal sealed class PostgresInstance
{
    private const int StartAttempts = 3;

    // The test host is killed soon after its last test, too soon for a ProcessExit handler to stop a server and delete
    // its files (measured: the handler never got past pg_ctl), and not at all when a run is aborted. So a detached
    // shell outlives it: once the test process is gone it sends the postmaster SIGQUIT (what `pg_ctl stop -m immediate`
    // sends), waits up to 10 s for the server to remove its pid file on the way out, as pg_ctl does, and deletes the
    // directory. The postmaster's own exit is no signal: this machine's init may reap it late. $1 is the test
    // process id, $2 the directory.
    private const string Watchdog = """
        exec >/dev/null 2>&1 </dev/null
        while kill -0 "$1"; do sleep 0.2; done
        kill -QUIT "$(head -n 1 "$2/data/postmaster.pid")"
        for _ in $(seq 100); do [ -e "$2/data/postmaster.pid" ] || break; sleep 0.1; done
        rm -rf "$2"
        """;

    private PostgresInstance(int port) =>
        ConnectionString = $"Host=127.0.0.1;Port={port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database=postgres;Include Error Detail=true";

    /// <summary>A superuser connection to the <c>postgres</c> database.</summary>
    public string ConnectionString { get; }

    public static async Task<PostgresInstance> StartAsync()
    {
        var binaries = PostgresBinaries.Find();
        var root = Path.Combine(Path.GetTempPath(), "orleansgroq-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        StartWatchdog(root);
        await binaries.GrantAsync(root);
        var data = Path.Combine(root, "data");
        await binaries.RunAsync(
            "initdb", ["-D", data, "--auth=trust", "-U", "postgres", "--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions"], root);

        // Durability is worthless for a database deleted at exit; these settings make commits and CREATE DATABASE cheap.
        await File.AppendAllLinesAsync(Path.Combine(data, "postgresql.conf"),
        [
            "listen_addresses = '127.0.0.1'",
            $"unix_socket_directories = '{root}'",
            "fsync = off",
            "synchronous_commit = off",
            "full_page_writes = off",

            // Every silo process keeps pools of its own (membership, grain state, reminders, the stores), and the test
            // host keeps idle pools of finished tests' databases for minutes: 200 proved tight with process tests overlapping.
            "max_connections = 400",
        ]);

        var log = Path.Combine(root, "server.log");
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            try
            {
                await binaries.RunAsync("pg_ctl", ["start", "-w", "-t", "60", "-D", data, "-l", log, "-o", $"-p {port}"], root);
                return new PostgresInstance(port);
            }
            catch (InvalidOperationException) when (attempt < StartAttempts)
            {
                // Most likely the port was taken between probing it and the server binding it; try another.
            }
            catch (InvalidOperationException e)
            {
                throw new InvalidOperationException($"{e.Message}\nServer log:\n{(File.Exists(log) ? await File.ReadAllTextAsync(log) : "(none)")}", e);
            }
        }
    }

    private static void StartWatchdog(string root)
    {
        // setsid --fork detaches it from the test host's process tree and session, so killing that tree spares it.
        var info = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var argument in (string[])["--fork", "sh", "-c", Watchdog, "postgres-watchdog", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), root])
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("The PostgreSQL watchdog (setsid, from util-linux) could not be started.");
        process.WaitForExit();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
