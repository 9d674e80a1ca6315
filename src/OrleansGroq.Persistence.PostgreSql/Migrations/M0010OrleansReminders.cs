namespace OrleansGroq.Persistence.PostgreSql.Migrations;

/// <summary>
/// Version 10: the table and statements of Orleans' ADO.NET reminder provider (Cluster/PostgresSiloBuilderExtensions),
/// which brings a cluster-mode batch back on a survivor when its silo dies.
/// </summary>
internal static class M0010OrleansReminders
{
    // What each statement is given and answers is fixed by Orleans 10.4.2 (Orleans.Reminders.AdoNet: the seven
    // *ReminderRow*Key statements, @-named parameters, result columns looked up by their Orleans names, hence the
    // quoted aliases); the statements are ours. The version is the etag: an upsert bumps it and answers it, a delete
    // must name it. Period is milliseconds as a bigint: a period over 24.8 days does not fit an int. GrainHash is the
    // grain's place on the ring; a silo reads the rows of its range, which wraps past the top in ReadRangeRows2Key.
    private const string Sql = """
        CREATE TABLE orleans_reminders (
            service_id text COLLATE "C" NOT NULL,
            grain_id text COLLATE "C" NOT NULL,
            reminder_name text COLLATE "C" NOT NULL,
            start_time timestamptz NOT NULL,
            period bigint NOT NULL,
            grain_hash integer NOT NULL,
            version integer NOT NULL,
            PRIMARY KEY (service_id, grain_id, reminder_name)
        );

        CREATE INDEX orleans_reminders_ring ON orleans_reminders (service_id, grain_hash);

        INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
        ('UpsertReminderRowKey', $q$
            INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
            VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
            ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
            SET start_time = excluded.start_time, period = excluded.period, grain_hash = excluded.grain_hash,
                version = orleans_reminders.version % 2147483647 + 1
            RETURNING version AS "Version"
        $q$),
        ('ReadReminderRowsKey', $q$
            SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period",
                version AS "Version"
            FROM orleans_reminders
            WHERE service_id = @ServiceId AND grain_id = @GrainId
        $q$),
        ('ReadReminderRowKey', $q$
            SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period",
                version AS "Version"
            FROM orleans_reminders
            WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
        $q$),
        ('ReadRangeRows1Key', $q$
            SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period",
                version AS "Version"
            FROM orleans_reminders
            WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash
        $q$),
        ('ReadRangeRows2Key', $q$
            SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period",
                version AS "Version"
            FROM orleans_reminders
            WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
        $q$),
        ('DeleteReminderRowKey', $q$
            WITH deleted AS (
                DELETE FROM orleans_reminders
                WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
                    AND version = @Version
                RETURNING 1)
            SELECT count(*)::integer FROM deleted
        $q$),
        ('DeleteReminderRowsKey', $q$
            DELETE FROM orleans_reminders WHERE service_id = @ServiceId
        $q$);
        """;

    public static Migration Migration { get; } = new(10, "Orleans reminders and the provider queries", Sql);
}
