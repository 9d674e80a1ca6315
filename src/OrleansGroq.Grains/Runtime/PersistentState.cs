using OrleansGroq.Abstractions.Runtime;

namespace OrleansGroq.Grains.Runtime;

/// <summary>A grain's state over <see cref="IGrainStorage"/>; created in the activation's scope, so one per activation.</summary>
internal sealed class PersistentState<TState> : IPersistentState<TState>, IGrainStateHolder
    where TState : class, new()
{
    private static readonly string StateName = typeof(TState).Name;

    private readonly GrainContext _context;
    private readonly IGrainStorage _storage;
    private TState _state = new();
    private string? _etag;

    public PersistentState(GrainContext context, IGrainStorage storage)
    {
        _context = context;
        _storage = storage;
        context.Register(this);
    }

    public TState State
    {
        get => _state;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            _state = value;
            IsDirty = true;
        }
    }

    public bool RecordExists => _etag is not null;

    public bool IsDirty { get; private set; }

    public void MarkDirty() => IsDirty = true;

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var stored = await _storage.ReadAsync<TState>(_context.GrainId, StateName, cancellationToken).ConfigureAwait(false);
        _state = stored?.State ?? new TState();
        _etag = stored?.ETag;
        IsDirty = false;
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        _etag = await _storage.WriteAsync(_context.GrainId, StateName, _state, _etag, cancellationToken).ConfigureAwait(false);
        IsDirty = false;
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        await _storage.ClearAsync(_context.GrainId, StateName, _etag, cancellationToken).ConfigureAwait(false);
        _etag = null;
        _state = new TState();
        IsDirty = false;
    }

    Task IGrainStateHolder.FlushAsync(CancellationToken cancellationToken) =>
        IsDirty ? WriteStateAsync(cancellationToken) : Task.CompletedTask;
}
