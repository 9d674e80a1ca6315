using OrleansGroq.Abstractions.Runtime;

namespace OrleansGroq.Tests.Runtime;

internal sealed class ProbeGrain(IGrainContext context, GrainProbe probe) : IProbeGrain
{
    private int _inFlight;
    private int _maxInFlight;
    private int _calls;

    async ValueTask<int> IProbeGrain.RunAsync(int yields)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        _maxInFlight = Math.Max(_maxInFlight, inFlight);
        var calls = _calls;
        for (var i = 0; i < yields; i++)
        {
            await Task.Yield();
        }

        _calls = calls + 1;
        Interlocked.Decrement(ref _inFlight);
        return _calls;
    }

    ValueTask<int> IProbeGrain.GetMaxConcurrencyAsync() => ValueTask.FromResult(_maxInFlight);

    async ValueTask IProbeGrain.BlockAsync()
    {
        probe.EnteredGate(context.GrainId.Key).TrySetResult();
        await probe.Release.Task;
    }
}
