using System.Globalization;

namespace OrleansGroq.IntegrationTests.Telemetry;

/// <summary>Reads values out of a Prometheus text exposition, as a scraper would.</summary>
internal sealed class PrometheusText(string text)
{
    public string Text => text;

    /// <summary>The sum of every sample of <paramref name="metric"/> whose labels include each of <paramref name="labels"/>.</summary>
    public double Sum(string metric, params (string Name, string Value)[] labels)
    {
        var sum = 0d;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith('#') || !line.StartsWith(metric, StringComparison.Ordinal) || line.Length == metric.Length || line[metric.Length] is not ('{' or ' '))
            {
                continue;
            }

            if (labels.All(l => line.Contains($"{l.Name}=\"{l.Value}\"", StringComparison.Ordinal)))
            {
                // A sample line ends with its value, and optionally a timestamp after it.
                var fields = line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ');
                sum += double.Parse(fields[0], CultureInfo.InvariantCulture);
            }
        }

        return sum;
    }

    /// <summary>Whether any sample of a metric whose name starts with <paramref name="prefix"/> is there.</summary>
    public bool HasMetricStartingWith(string prefix) => text.Split('\n').Any(line => line.StartsWith(prefix, StringComparison.Ordinal));
}
