using OrleansGroq.Emulator;

namespace OrleansGroq.Silo.Hosting;

/// <summary>Stops the in-process emulator with the host.</summary>
internal sealed class OfflineEmulatorLifetime(EmulatorHost emulator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken) => await emulator.DisposeAsync();
}
