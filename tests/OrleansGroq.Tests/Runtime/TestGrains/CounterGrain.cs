using OrleansGroq.Abstractions.Runtime;

namespace OrleansGroq.Tests.Runtime;

internal sealed class CounterGrain(IGrainContext context, IPersistentState<CounterState> state, GrainProbe probe) : ICounterGrain, IGrainBase
{
    private int _activationId;

    Task IGrainBase.OnActivateAsync(CancellationToken cancellationToken)
    {
        if (probe.FailActivations > 0)
        {
            probe.FailActivations--;
            throw new InvalidOperationException("activation failed on purpose");
        }

        _activationId = probe.NextActivationId();
        probe.Events.Enqueue($"activate {context.GrainId.Key} #{_activationId} value={state.State.Value}");
        return Task.CompletedTask;
    }

    Task IGrainBase.OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Events.Enqueue($"deactivate {context.GrainId.Key} #{_activationId} {reason}");
        return Task.CompletedTask;
    }

    async ValueTask<int> ICounterGrain.AddAsync(int amount)
    {
        var value = state.State.Value;

        // A turn that interleaved with another would lose an increment here.
        await Task.Yield();
        state.State = state.State with { Value = value + amount };
        return value + amount;
    }

    ValueTask<int> ICounterGrain.GetAsync() => ValueTask.FromResult(state.State.Value);

    ValueTask<int> ICounterGrain.GetActivationIdAsync() => ValueTask.FromResult(_activationId);

    async ValueTask ICounterGrain.SaveAsync() => await state.WriteStateAsync();

    ValueTask<int> ICounterGrain.FailAsync(string message) => throw new InvalidOperationException(message);
}
