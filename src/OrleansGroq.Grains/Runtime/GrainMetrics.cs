using System.Diagnostics.Metrics;

namespace OrleansGroq.Grains.Runtime;

/// <summary>The runtime's instruments on the meter <c>OrleansGroq.Grains</c>, tagged by grain type.</summary>
internal sealed class GrainMetrics
{
    public const string MeterName = "OrleansGroq.Grains";
    public const string ActiveInstrument = "orleansgroq.grains.active";
    public const string ActivatedInstrument = "orleansgroq.grains.activated";
    public const string CollectedInstrument = "orleansgroq.grains.collected";
    public const string GrainTypeTag = "grain.type";

    private readonly Counter<long> _activated;
    private readonly Counter<long> _collected;

    public GrainMetrics(IMeterFactory meterFactory, IReadOnlyCollection<IGrainCatalog> catalogs)
    {
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge(
            ActiveInstrument,
            () => Observe(catalogs),
            unit: "{activation}",
            description: "Activations in memory, per grain type.");
        _activated = meter.CreateCounter<long>(ActivatedInstrument, "{activation}", "Activations created, per grain type.");
        _collected = meter.CreateCounter<long>(CollectedInstrument, "{activation}", "Activations collected after being idle, per grain type.");
    }

    public void Activated(KeyValuePair<string, object?> typeTag) => _activated.Add(1, typeTag);

    public void Collected(KeyValuePair<string, object?> typeTag) => _collected.Add(1, typeTag);

    private static IEnumerable<Measurement<int>> Observe(IReadOnlyCollection<IGrainCatalog> catalogs)
    {
        foreach (var catalog in catalogs)
        {
            yield return new Measurement<int>(catalog.ActivationCount, new KeyValuePair<string, object?>(GrainTypeTag, catalog.GrainType));
        }
    }
}
