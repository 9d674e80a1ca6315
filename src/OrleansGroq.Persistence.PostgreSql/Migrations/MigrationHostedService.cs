using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrleansGroq.Persistence.PostgreSql.Migrations;

/// <summary>
/// Migrates the schema as the host starts. The work is done in <see cref="StartingAsync"/>, which the host awaits
/// before any hosted service's <c>StartAsync</c>: the web server and every service that reads the database start
/// against the current schema, whatever order they were registered in. A failure stops the host.
/// </summary>
internal sealed partial class MigrationHostedService(PostgresMigrator migrator, IOptions<DatabaseOptions> options, ILogger<MigrationHostedService> logger)
    : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.ApplyMigrations)
        {
            Log.Disabled(logger);
            return;
        }

        await migrator.MigrateAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
