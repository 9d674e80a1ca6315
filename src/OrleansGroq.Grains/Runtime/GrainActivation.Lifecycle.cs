using Microsoft.Extensions.DependencyInjection;
using OrleansGroq.Abstractions.Runtime;

namespace OrleansGroq.Grains.Runtime;

internal sealed partial class GrainActivation<TGrain>
{
    /// <summary>Runs OnDeactivateAsync, flushes dirty state and removes the activation; never throws.</summary>
    public async Task DeactivateAsync()
    {
        if (_grain is not null)
        {
            try
            {
                if (_grain is IGrainBase lifecycle)
                {
                    await lifecycle.OnDeactivateAsync(_closeReason, CancellationToken.None).ConfigureAwait(false);
                }

                await _context!.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                GrainRuntime.Log.DeactivationFailed(_catalog.Runtime.Logger, GrainId, exception);
            }

            await DisposeScopeAsync().ConfigureAwait(false);
            if (_closeReason == DeactivationReason.Idle)
            {
                _catalog.Runtime.Metrics.Collected(_catalog.TypeTag);
            }
        }

        _catalog.Remove(this);
        _deactivated.TrySetResult();
    }

    private async ValueTask<TGrain> ActivateAsync()
    {
        _scope = _catalog.Runtime.ScopeFactory.CreateAsyncScope();
        try
        {
            var services = _scope.Value.ServiceProvider;
            var context = services.GetRequiredService<GrainContext>();
            context.Initialize(GrainId);
            var grain = (TGrain)_catalog.CreateGrain(services, null);
            await context.ReadStatesAsync(CancellationToken.None).ConfigureAwait(false);
            if (grain is IGrainBase lifecycle)
            {
                await lifecycle.OnActivateAsync(CancellationToken.None).ConfigureAwait(false);
            }

            _context = context;
            _grain = grain;
            _catalog.Runtime.Metrics.Activated(_catalog.TypeTag);
            return grain;
        }
        catch (Exception exception)
        {
            GrainRuntime.Log.ActivationFailed(_catalog.Runtime.Logger, GrainId, exception);
            await DisposeScopeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async ValueTask DisposeScopeAsync()
    {
        if (_scope is not { } scope)
        {
            return;
        }

        _scope = null;
        try
        {
            await scope.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            GrainRuntime.Log.DeactivationFailed(_catalog.Runtime.Logger, GrainId, exception);
        }
    }
}
