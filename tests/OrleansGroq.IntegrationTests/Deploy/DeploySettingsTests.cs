using System.Globalization;
using static OrleansGroq.IntegrationTests.Deploy.DeployFiles;

namespace OrleansGroq.IntegrationTests.Deploy;

/// <summary>
/// The deployment files cannot drift from the code: every variable the Dockerfile, the compose file and the Kubernetes
/// manifests give the gateway binds to a setting it reads, and what the files say about stopping and the cluster
/// agrees with those settings.
/// </summary>
public sealed class DeploySettingsTests
{
    [Fact]
    public void Every_variable_the_Dockerfile_and_the_compose_file_set_binds_to_a_setting_of_the_gateway()
    {
        var services = ComposeGatewayServices();
        var variables = DockerfileEnvironment().Select(e => (Source: "Silo.Dockerfile", Name: e.Key, Value: e.Value))
            .Concat(services.SelectMany(s => s.Value.Select(e => (Source: $"compose {s.Key}", Name: e.Key, Value: e.Value))))
            .ToList();

        Assert.Equal(3, services.Count);
        Assert.All(services.Values, environment => Assert.Contains("ConnectionStrings__Postgres", environment.Keys));
        AssertAllBind(variables);
    }

    [Fact]
    public void Every_variable_the_Kubernetes_manifests_set_binds_to_a_setting_of_the_gateway()
    {
        var resources = KubernetesResources();
        var secrets = KubernetesSecrets();
        var container = SiloContainer(resources);
        var variables = new List<(string Source, string Name, string Value)>();
        foreach (var env in List(container, "env").Cast<Dictionary<object, object>>())
        {
            // A value from the downward API (the pod's name, namespace and IP) stands for itself.
            variables.Add(("env", Text(env, "name")!, Text(env, "value") ?? ""));
        }

        foreach (var source in List(container, "envFrom").Cast<Dictionary<object, object>>())
        {
            if (Text(Map(source, "configMapRef"), "name") is { } configMap)
            {
                variables.AddRange(ConfigMap(resources, configMap).Select(e => ($"ConfigMap {configMap}", e.Key, e.Value)));
            }

            if (Text(Map(source, "secretRef"), "name") is { } secret)
            {
                variables.AddRange(secrets[secret].Select(e => ($"Secret {secret}", e.Key, e.Value)));
            }
        }

        Assert.Contains(variables, v => v.Name == "ConnectionStrings__Postgres");
        Assert.Contains(variables, v => v.Name == "Orleans__KubernetesHosting" && v.Value == "true");
        AssertAllBind(variables);
    }

    [Fact]
    public void The_grace_periods_before_a_kill_cover_the_drain_and_the_silos_leave()
    {
        var resources = KubernetesResources();
        var pod = At(Deployment(resources), "spec", "template", "spec");
        var container = SiloContainer(resources);
        var settings = List(container, "envFrom").Cast<Dictionary<object, object>>()
            .Select(source => Text(Map(source, "configMapRef"), "name")).OfType<string>()
            .SelectMany(name => ConfigMap(resources, name))
            .ToDictionary(e => e.Key, e => e.Value);
        var shutdown = GatewaySettings.Shutdown(settings);
        var preStop = Seconds(Text(At(container, "lifecycle", "preStop", "sleep"), "seconds") ?? "0");
        Assert.True(
            Seconds(Text(pod, "terminationGracePeriodSeconds")!) >= preStop + shutdown.DrainTimeout + shutdown.LeaveTimeout,
            $"terminationGracePeriodSeconds must cover the preStop pause ({preStop}), Shutdown:DrainTimeout ({shutdown.DrainTimeout}) and Shutdown:LeaveTimeout ({shutdown.LeaveTimeout}).");

        var services = ComposeServices();
        foreach (var (name, environment) in ComposeGatewayServices())
        {
            var composeShutdown = GatewaySettings.Shutdown(environment);
            var grace = Text(services[name], "stop_grace_period")!;
            Assert.True(
                Seconds(grace.TrimEnd('s')) >= composeShutdown.DrainTimeout + composeShutdown.LeaveTimeout,
                $"compose {name}: stop_grace_period {grace} must cover Shutdown:DrainTimeout and Shutdown:LeaveTimeout.");
        }
    }

    [Fact]
    public void The_pods_carry_the_cluster_labels_Orleans_looks_for_and_are_probed_on_the_health_routes()
    {
        var resources = KubernetesResources();
        var labels = At(Deployment(resources), "spec", "template", "metadata", "labels");
        var settings = ConfigMap(resources, "orleansgroq-settings");
        var container = SiloContainer(resources);

        Assert.Equal(settings["Orleans__ServiceId"], Text(labels, Orleans.Hosting.Kubernetes.KubernetesHostingOptions.ServiceIdLabel));
        Assert.Equal(settings["Orleans__ClusterId"], Text(labels, Orleans.Hosting.Kubernetes.KubernetesHostingOptions.ClusterIdLabel));
        Assert.Equal("/health/ready", Text(At(container, "readinessProbe", "httpGet"), "path"));
        Assert.Equal("/health/live", Text(At(container, "livenessProbe", "httpGet"), "path"));
        Assert.Contains(resources, r => Text(r, "kind") == "Role");
        Assert.Contains(resources, r => Text(r, "kind") == "Service");
        Assert.Contains(resources, r => Text(r, "kind") == "PodDisruptionBudget");
    }

    [Fact]
    public void Each_compose_silo_advertises_the_address_it_has_on_the_network()
    {
        var services = ComposeServices();
        foreach (var (name, environment) in ComposeGatewayServices())
        {
            var address = At(services[name], "networks", "cluster");
            Assert.Equal(Text(address, "ipv4_address"), environment["Orleans__AdvertisedIPAddress"]);
        }
    }

    private static void AssertAllBind(List<(string Source, string Name, string Value)> variables)
    {
        var problems = variables.Select(v => GatewaySettings.Problem(v.Name, v.Value) is { } problem ? $"{v.Source}: {problem}" : null).OfType<string>().ToList();
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    private static Dictionary<object, object> Deployment(List<Dictionary<object, object>> resources) =>
        resources.Single(r => Text(r, "kind") == "Deployment");

    private static Dictionary<object, object> SiloContainer(List<Dictionary<object, object>> resources) =>
        (Dictionary<object, object>)List(At(Deployment(resources), "spec", "template", "spec"), "containers").Single();

    private static Dictionary<string, string> ConfigMap(List<Dictionary<object, object>> resources, string name) =>
        Map(resources.Single(r => Text(r, "kind") == "ConfigMap" && Text(Map(r, "metadata"), "name") == name), "data")
            .ToDictionary(e => (string)e.Key, e => (string)e.Value);

    private static TimeSpan Seconds(string value) => TimeSpan.FromSeconds(int.Parse(value, CultureInfo.InvariantCulture));
}
