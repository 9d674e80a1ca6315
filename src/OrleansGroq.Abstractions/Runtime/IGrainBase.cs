namespace OrleansGroq.Abstractions.Runtime;

/// <summary>
/// Lifecycle hooks a grain class may implement. Both run with the activation's turn held, so
/// they never overlap a call; persistent state is loaded before activation and flushed after deactivation.
/// </summary>
public interface IGrainBase
{
    /// <summary>Runs once, after persistent state is loaded and before the first call.</summary>
    Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs once, before dirty persistent state is flushed and the activation is discarded.</summary>
    Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;
}
