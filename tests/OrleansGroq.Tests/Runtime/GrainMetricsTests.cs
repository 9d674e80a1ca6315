using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OrleansGroq.Grains.Runtime;

namespace OrleansGroq.Tests.Runtime;

public sealed class GrainMetricsTests
{
    [Fact]
    public async Task Activations_are_counted_per_grain_type()
    {
        await using var host = GrainTestHost.Create();
        var meterFactory = host.Services.GetRequiredService<IMeterFactory>();
        var measurements = new ConcurrentQueue<(string Instrument, long Value, string? GrainType)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == GrainMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meterFactory))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, GrainType(tags))));
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, GrainType(tags))));
        listener.Start();

        await host.Grains.GetGrain<ICounterGrain>("a").GetAsync();
        await host.Grains.GetGrain<ICounterGrain>("b").GetAsync();
        listener.RecordObservableInstruments();
        await host.CollectIdleAsync();
        await host.Grains.GetGrain<IProbeGrain>("p").RunAsync(0);
        listener.RecordObservableInstruments();

        Assert.Equal(2, Sum(GrainMetrics.ActivatedInstrument, "CounterGrain"));
        Assert.Equal(2, Sum(GrainMetrics.CollectedInstrument, "CounterGrain"));
        Assert.Equal(1, Sum(GrainMetrics.ActivatedInstrument, "ProbeGrain"));
        Assert.Equal([2, 0], Values(GrainMetrics.ActiveInstrument, "CounterGrain"));
        Assert.Equal([0, 1], Values(GrainMetrics.ActiveInstrument, "ProbeGrain"));

        long Sum(string instrument, string grainType) => Values(instrument, grainType).Sum();

        long[] Values(string instrument, string grainType) =>
            measurements.Where(m => m.Instrument == instrument && m.GrainType == grainType).Select(m => m.Value).ToArray();
    }

    private static string? GrainType(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == GrainMetrics.GrainTypeTag)
            {
                return tag.Value as string;
            }
        }

        return null;
    }
}
