namespace OrleansGroq.Testing;

/// <summary>
/// The installed PostgreSQL server programs, run as the <c>postgres</c> user when the tests run as root
/// (the server refuses to run as root, and CI runs as root).
/// </summary>
internal sealed class PostgresBinaries
{
    private const string InstallRoot = "/usr/lib/postgresql";
    private const string ServiceUser = "postgres";

    private PostgresBinaries(string directory, bool asServiceUser)
    {
        Directory = directory;
        AsServiceUser = asServiceUser;
    }

    public string Directory { get; }

    /// <summary>Whether the programs run as <c>postgres</c>, which must then own the directories they use.</summary>
    public bool AsServiceUser { get; }

    public static PostgresBinaries Find()
    {
        var directory = System.IO.Directory.Exists(InstallRoot)
            ? System.IO.Directory.GetDirectories(InstallRoot)
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
        if (directory is null)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL tests need the server programs (initdb, pg_ctl) under {InstallRoot}/<version>/bin and found none. " +
                "Install them (Debian/Ubuntu: apt-get install postgresql), or set ORLEANSGROQ_TEST_POSTGRES to the connection string " +
                "of a server where the user may create databases.");
        }

        var asServiceUser = Environment.UserName == "root";
        if (asServiceUser && !File.ReadLines("/etc/passwd").Any(line => line.StartsWith(ServiceUser + ":", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException(
                $"The tests run as root, which PostgreSQL refuses, and there is no '{ServiceUser}' user to run it as. " +
                "Installing the server package creates one (apt-get install postgresql).");
        }

        return new PostgresBinaries(directory, asServiceUser);
    }

    /// <summary>Gives a directory to the user the server runs as.</summary>
    public async Task GrantAsync(string path)
    {
        if (AsServiceUser)
        {
            await RunCheckedAsync("chown", ["-R", $"{ServiceUser}:{ServiceUser}", path], path);
        }
    }

    /// <summary>Runs one of the server programs, e.g. <c>pg_ctl</c>; fails with its output when it fails.</summary>
    public Task<string> RunAsync(string program, IReadOnlyList<string> arguments, string workingDirectory)
    {
        var path = Path.Combine(Directory, program);
        return AsServiceUser
            ? RunCheckedAsync("runuser", ["-u", ServiceUser, "--", path, .. arguments], workingDirectory)
            : RunCheckedAsync(path, arguments, workingDirectory);
    }

    private static async Task<string> RunCheckedAsync(string fileName, IReadOnlyList<string> arguments, string workingDirectory)
    {
        var (exitCode, output) = await ProcessRunner.RunAsync(fileName, arguments, workingDirectory, null, TimeSpan.FromMinutes(2));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"'{fileName} {string.Join(' ', arguments)}' exited with {exitCode}:\n{output}");
        }

        return output;
    }
}
