using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using OrleansGroq.Abstractions.Runtime;

namespace OrleansGroq.Grains.Runtime;

/// <summary>
/// One grain instance and its turn scheduler. A call that finds the activation free runs inline on the caller's
/// thread; one that finds it busy waits in a queue, and each finished turn hands the next queued call to the thread
/// pool. A closed activation admits no call: callers wait until it is deactivated and go to a fresh one.
/// </summary>
internal sealed partial class GrainActivation<TGrain>
    where TGrain : class, IGrainWithStringKey
{
    private readonly GrainCatalog<TGrain> _catalog;
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Queue<IThreadPoolWorkItem>? _queue;
    private bool _busy;
    private bool _closed;
    private DeactivationReason _closeReason;
    private long _lastTurnEnded;

    // Touched only by the turn that holds the activation, or after it is closed and idle.
    private TGrain? _grain;
    private AsyncServiceScope? _scope;
    private GrainContext? _context;

    public GrainActivation(GrainCatalog<TGrain> catalog, string key)
    {
        _catalog = catalog;
        Key = key;
        _lastTurnEnded = catalog.Runtime.Clock.GetTimestamp();
    }

    public string Key { get; }

    /// <summary>Completes once the activation is flushed, disposed and removed from its catalog.</summary>
    public Task Deactivated => _deactivated.Task;

    private GrainId GrainId => new(_catalog.GrainType, Key);

    /// <summary>Admits a call, or returns false when the activation is closed.</summary>
    public bool TryInvoke<TArg, TResult>(TArg arg, Func<TGrain, TArg, ValueTask<TResult>> call, out ValueTask<TResult> result)
    {
        lock (_gate)
        {
            if (_closed)
            {
                result = default;
                return false;
            }

            if (_busy)
            {
                var queued = new QueuedGrainCall<TGrain, TArg, TResult>(this, arg, call);
                (_queue ??= new Queue<IThreadPoolWorkItem>()).Enqueue(queued);
                result = new ValueTask<TResult>(queued.Completion);
                return true;
            }

            _busy = true;
        }

        result = RunTurnAsync(arg, call);
        return true;
    }

    /// <summary>Runs one call; the caller has made this activation busy on its behalf.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<TResult> RunTurnAsync<TArg, TResult>(TArg arg, Func<TGrain, TArg, ValueTask<TResult>> call)
    {
        try
        {
            var grain = _grain ?? await ActivateAsync().ConfigureAwait(false);
            return await call(grain, arg).ConfigureAwait(false);
        }
        finally
        {
            EndTurn();
        }
    }

    /// <summary>Closes the activation if no call is running or queued and the last one ended long enough ago.</summary>
    public bool TryCloseIfIdle(long nowTimestamp, TimeSpan collectionAge)
    {
        lock (_gate)
        {
            if (_closed || _busy || _catalog.Runtime.Clock.GetElapsedTime(_lastTurnEnded, nowTimestamp) < collectionAge)
            {
                return false;
            }

            _closed = true;
            _closeReason = DeactivationReason.Idle;
            return true;
        }
    }

    /// <summary>Closes the activation; it deactivates now if idle, else once the calls it admitted are done.</summary>
    public void Close(DeactivationReason reason)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            _closeReason = reason;
            if (_busy)
            {
                return;
            }
        }

        _ = DeactivateAsync();
    }

    private void EndTurn()
    {
        IThreadPoolWorkItem? next = null;
        bool deactivate;
        lock (_gate)
        {
            _lastTurnEnded = _catalog.Runtime.Clock.GetTimestamp();
            if (_queue is { Count: > 0 } queue)
            {
                next = queue.Dequeue();
                deactivate = false;
            }
            else
            {
                _busy = false;
                deactivate = _closed;
            }
        }

        if (next is not null)
        {
            ThreadPool.UnsafeQueueUserWorkItem(next, preferLocal: false);
        }
        else if (deactivate)
        {
            _ = DeactivateAsync();
        }
    }
}
