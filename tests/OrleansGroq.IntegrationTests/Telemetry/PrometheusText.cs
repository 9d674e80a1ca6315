using System.Globalization;

namespace OrleansGroq.IntegrationTests.Telemetry;

/// <summary>Reads values out of a Prometheus text exposition, as a scraper would.</summary>
internal sealed class PrometheusText(string text)
{
    public string Text => text;

    /// <summary>The sum of every sample of <paramref name="metric"/> whose labels include each of <paramref name="labels"/>.</summary>
    public double Sum(string metric, params (string Name, string Value)[] labels) =>
        Samples(metric, labels).Sum(line =>
        {
            // A sample line ends with its value, and optionally a timestamp after it.
            var fields = line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ');
            return double.Parse(fields[0], CultureInfo.InvariantCulture);
        });

    /// <summary>Whether there is a sample of <paramref name="metric"/> whose labels include each of <paramref name="labels"/>.</summary>
    public bool Has(string metric, params (string Name, string Value)[] labels) => Samples(metric, labels).Any();

    private IEnumerable<string> Samples(string metric, (string Name, string Value)[] labels) =>
        text.Split('\n').Where(line =>
            !line.StartsWith('#') && line.StartsWith(metric, StringComparison.Ordinal) && line.Length > metric.Length && line[metric.Length] is '{' or ' '
            && labels.All(l => line.Contains($"{l.Name}=\"{l.Value}\"", StringComparison.Ordinal)));

    /// <summary>Whether any sample of a metric whose name starts with <paramref name="prefix"/> is there.</summary>
    public bool HasMetricStartingWith(string prefix) => text.Split('\n').Any(line => line.StartsWith(prefix, StringComparison.Ordinal));
}
