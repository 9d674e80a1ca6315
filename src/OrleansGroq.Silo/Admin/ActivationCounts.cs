using System.Diagnostics.Metrics;

namespace OrleansGroq.Silo.Admin;

/// <summary>
/// Reads the grain runtime's activation gauge (meter <c>OrleansGroq.Grains</c>) on demand. Only this host's meter
/// counts: a process holding several hosts (tests, benchmarks) has one such meter per host, told apart by the
/// meter factory that created it.
/// </summary>
public sealed class ActivationCounts : IDisposable
{
    private const string MeterName = "OrleansGroq.Grains";
    private const string ActiveInstrument = "orleansgroq.grains.active";

    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private Dictionary<string, int> _latest = [];

    public ActivationCounts(IMeterFactory meterFactory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MeterName && instrument.Name == ActiveInstrument && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "grain.type", Value: string type })
                {
                    _latest[type] = value;
                }
            }
        });
        _listener.Start();
    }

    public IReadOnlyDictionary<string, int> Read()
    {
        lock (_gate)
        {
            _latest = [];
            _listener.RecordObservableInstruments();
            return _latest;
        }
    }

    public void Dispose() => _listener.Dispose();
}
