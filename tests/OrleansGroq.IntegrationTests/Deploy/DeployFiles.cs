using System.Text.RegularExpressions;
using OrleansGroq.IntegrationTests.Infrastructure;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace OrleansGroq.IntegrationTests.Deploy;

/// <summary>
/// What the deployment files at the repository's root and under <c>deploy/</c> set, read as Docker, compose and
/// kustomize read them: the settings each gives the gateway's processes, and the few other values the tests compare.
/// </summary>
internal static partial class DeployFiles
{
    /// <summary>The image every gateway service of the compose file runs.</summary>
    public const string SiloImage = "orleansgroq-silo:local";

    public static string Dockerfile { get; } = Path.Combine(RepositoryPaths.Root, "Silo.Dockerfile");

    public static string Deploy { get; } = Path.Combine(RepositoryPaths.Root, "deploy");

    public static string Kubernetes { get; } = Path.Combine(Deploy, "kubernetes");

    /// <summary>The variables the Dockerfile's <c>ENV</c> instructions set, with their values.</summary>
    public static Dictionary<string, string> DockerfileEnvironment() =>
        DockerfileInstructions("ENV")
            .SelectMany(arguments => EnvPair().Matches(arguments))
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value);

    /// <summary>The arguments of the Dockerfile's <c>RUN dotnet ...</c> instructions, in order: what the build stage runs.</summary>
    public static List<string> DockerfileDotnetCommands() =>
        [.. DockerfileInstructions("RUN").Where(a => a.StartsWith("dotnet ", StringComparison.Ordinal)).Select(a => a["dotnet ".Length..])];

    /// <summary>The compose services that run the gateway: their environment, interpolated from <c>.env.example</c>.</summary>
    public static Dictionary<string, Dictionary<string, string>> ComposeGatewayServices()
    {
        var variables = ReadEnvFile(Path.Combine(Deploy, ".env.example"));
        return ComposeServices()
            .Where(s => Text(s.Value, "image") == SiloImage && s.Value.ContainsKey("environment"))
            .ToDictionary(
                s => s.Key,
                s => Map(s.Value, "environment").ToDictionary(e => (string)e.Key, e => Interpolate((string)e.Value, variables)));
    }

    /// <summary>The compose file's services, YAML merge keys applied.</summary>
    public static Dictionary<string, Dictionary<object, object>> ComposeServices()
    {
        var compose = ReadYaml(Path.Combine(Deploy, "docker-compose.yml")).Single();
        return Map(compose, "services").ToDictionary(s => (string)s.Key, s => (Dictionary<object, object>)s.Value);
    }

    /// <summary>Every object the kustomization's resources hold.</summary>
    public static List<Dictionary<object, object>> KubernetesResources()
    {
        var kustomization = ReadYaml(Path.Combine(Kubernetes, "kustomization.yaml")).Single();
        return [.. List(kustomization, "resources").Cast<string>().SelectMany(file => ReadYaml(Path.Combine(Kubernetes, file)))];
    }

    /// <summary>The variables the kustomization's secret generators put in their Secrets, by Secret name, from the committed examples of their env files.</summary>
    public static Dictionary<string, Dictionary<string, string>> KubernetesSecrets()
    {
        var kustomization = ReadYaml(Path.Combine(Kubernetes, "kustomization.yaml")).Single();
        return List(kustomization, "secretGenerator").Cast<Dictionary<object, object>>().ToDictionary(
            generator => Text(generator, "name")!,
            generator => List(generator, "envs").Cast<string>()
                .SelectMany(file => ReadEnvFile(Path.Combine(Kubernetes, file + ".example")))
                .ToDictionary(pair => pair.Key, pair => pair.Value));
    }

    public static Dictionary<object, object> Map(Dictionary<object, object> node, string key) =>
        node.TryGetValue(key, out var value) && value is Dictionary<object, object> map ? map : [];

    public static List<object> List(Dictionary<object, object> node, string key) =>
        node.TryGetValue(key, out var value) && value is List<object> list ? list : [];

    public static string? Text(Dictionary<object, object> node, string key) =>
        node.TryGetValue(key, out var value) ? value as string : null;

    /// <summary>Follows a path of keys through nested maps.</summary>
    public static Dictionary<object, object> At(Dictionary<object, object> node, params string[] keys) =>
        keys.Aggregate(node, Map);

    private static List<Dictionary<object, object>> ReadYaml(string path)
    {
        var deserializer = new DeserializerBuilder().Build();
        var parser = new MergingParser(new Parser(new StringReader(File.ReadAllText(path))));
        parser.Consume<StreamStart>();
        var documents = new List<Dictionary<object, object>>();
        while (parser.Accept<DocumentStart>(out _))
        {
            documents.Add(deserializer.Deserialize<Dictionary<object, object>>(parser));
        }

        return documents;
    }

    private static Dictionary<string, string> ReadEnvFile(string path) =>
        File.ReadAllLines(path)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1]);

    // Compose's ${NAME}, ${NAME:-default} and ${NAME:?error}: the variable's value from the env file, else the default.
    private static string Interpolate(string value, Dictionary<string, string> variables) =>
        ComposeVariable().Replace(value, m =>
            variables.TryGetValue(m.Groups["name"].Value, out var set) && set.Length > 0 ? set
            : m.Groups["op"].Value == ":-" ? m.Groups["default"].Value
            : "");

    private static IEnumerable<string> DockerfileInstructions(string instruction)
    {
        var joined = File.ReadAllText(Dockerfile).Replace("\\\n", " ", StringComparison.Ordinal);
        return joined.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith(instruction + " ", StringComparison.Ordinal))
            .Select(line => line[(instruction.Length + 1)..].Trim());
    }

    [GeneratedRegex(@"(?<name>[A-Za-z_][A-Za-z0-9_]*)=(?<value>\S*)")]
    private static partial Regex EnvPair();

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?<op>:-|:\?)(?<default>[^}]*))?\}")]
    private static partial Regex ComposeVariable();
}
