using OrleansGroq.Abstractions.Runtime;

namespace OrleansGroq.Grains.Runtime;

/// <summary>The per-activation service scope's view of its activation: identity and persistent states.</summary>
internal sealed class GrainContext : IGrainContext
{
    private readonly List<IGrainStateHolder> _states = [];
    private GrainId? _grainId;

    public GrainId GrainId => _grainId ?? throw new InvalidOperationException("IGrainContext and IPersistentState<T> can only be used by grains.");

    public void Initialize(GrainId grainId) => _grainId = grainId;

    public void Register(IGrainStateHolder state) => _states.Add(state);

    public async Task ReadStatesAsync(CancellationToken cancellationToken)
    {
        foreach (var state in _states)
        {
            await state.ReadStateAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        foreach (var state in _states)
        {
            await state.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
