namespace OrleansGroq.Benchmarks.Hosting;

internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string ProjectDll(string project) =>
        Path.Combine(Root, "src", project, "bin", "Release", "net10.0", project + ".dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansGroq.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmarks from inside the repository: OrleansGroq.sln was not found above " + AppContext.BaseDirectory);
    }
}
