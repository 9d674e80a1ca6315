using OrleansGroq.Abstractions.Runtime;

namespace OrleansGroq.Grains.Runtime;

/// <summary>A call that found its activation busy; it runs when the turn before it ends.</summary>
internal sealed class QueuedGrainCall<TGrain, TArg, TResult>(
    GrainActivation<TGrain> activation, TArg arg, Func<TGrain, TArg, ValueTask<TResult>> call) : IThreadPoolWorkItem
    where TGrain : class, IGrainWithStringKey
{
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // The caller's context (activity, logging scopes), as an inline call would have seen it.
    private readonly ExecutionContext? _executionContext = ExecutionContext.Capture();

    public Task<TResult> Completion => _completion.Task;

    public void Execute()
    {
        if (_executionContext is null)
        {
            _ = RunAsync();
        }
        else
        {
            ExecutionContext.Run(_executionContext, static state => _ = ((QueuedGrainCall<TGrain, TArg, TResult>)state!).RunAsync(), this);
        }
    }

    private async Task RunAsync()
    {
        try
        {
            _completion.TrySetResult(await activation.RunTurnAsync(arg, call).ConfigureAwait(false));
        }
        catch (OperationCanceledException exception)
        {
            _completion.TrySetCanceled(exception.CancellationToken);
        }
        catch (Exception exception)
        {
            _completion.TrySetException(exception);
        }
    }
}
