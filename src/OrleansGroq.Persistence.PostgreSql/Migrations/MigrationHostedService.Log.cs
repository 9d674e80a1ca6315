using Microsoft.Extensions.Logging;

namespace OrleansGroq.Persistence.PostgreSql.Migrations;

internal sealed partial class MigrationHostedService
{
    internal static partial class Log
    {
        [LoggerMessage(EventId = 5004, EventName = "SchemaMigrationsDisabled", Level = LogLevel.Information,
            Message = "Database:ApplyMigrations is false: this node expects the schema to be current already.")]
        public static partial void Disabled(ILogger logger);
    }
}
