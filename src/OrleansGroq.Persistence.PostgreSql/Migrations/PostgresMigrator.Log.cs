using Microsoft.Extensions.Logging;

namespace OrleansGroq.Persistence.PostgreSql.Migrations;

internal sealed partial class PostgresMigrator
{
    // Database names only: a connection string may carry a password.
    internal static partial class Log
    {
        [LoggerMessage(EventId = 5001, EventName = "SchemaMigrationApplying", Level = LogLevel.Information,
            Message = "Applying schema migration {Version} ({Description}) to database {Database}.")]
        public static partial void Applying(ILogger logger, int version, string description, string database);

        [LoggerMessage(EventId = 5002, EventName = "SchemaMigrationApplied", Level = LogLevel.Information,
            Message = "Schema migration {Version} applied in {ElapsedMilliseconds:F0} ms.")]
        public static partial void Applied(ILogger logger, int version, double elapsedMilliseconds);

        [LoggerMessage(EventId = 5003, EventName = "SchemaUpToDate", Level = LogLevel.Information,
            Message = "Database {Database} is at schema version {Version}; this node applied {AppliedCount} migration(s).")]
        public static partial void UpToDate(ILogger logger, string database, int version, int appliedCount);
    }
}
