namespace OrleansGroq.Persistence.PostgreSql.Migrations;

/// <summary>
/// Version 5: what Orleans' ADO.NET clustering and grain storage providers need (Cluster/PostgresSiloBuilderExtensions):
/// the membership table, grain state, and the statements those providers run, read by them from <c>OrleansQuery</c>.
/// </summary>
internal static class M0005OrleansTables
{
    // The providers load their statements from OrleansQuery by key and run them with @-named parameters. What each
    // statement is given and must answer is fixed by Orleans (10.4.2: Orleans.Clustering.AdoNet RelationalOrleansQueries
    // and DbStoredQueries; Orleans.Persistence.AdoNet AdoNetGrainStorage); the statements themselves are ours.
    // Column aliases are quoted because the providers look result columns up by their Orleans names.
    //
    // Membership: one version row per cluster (deployment_id is Orleans' ClusterId) is the table's etag. Every read
    // returns it with the rows (a LEFT JOIN, so a read finding no silo still answers one row with the version), and
    // an insert or update of a silo's row succeeds only if the version is still the one its caller read, and then
    // bumps it. Such a write locks the version row first (FOR UPDATE, which re-checks the version once a concurrent
    // writer commits), so the version check, the row change and the bump happen together or not at all; it answers
    // one boolean. The heartbeat (UpdateIAmAlivetimeKey) changes no version: Orleans does not version it.
    // Timestamps arrive as UTC timestamptz (Npgsql sends DbType.DateTime as timestamptz). SuspectTimes is Orleans' own
    // text, "silo,yyyy-MM-dd HH:mm:ss.fff GMT|...". Cleanup removes dead silos whose last sign of life (start,
    // heartbeat or latest suspicion vote, as Orleans' cleanup agent reckons it) precedes the cutoff it is given.
    //
    // Grain state: one row per (service, state, grain). The provider splits a grain id into two bigints and an
    // optional string (Guid halves, an integer, or the string key); "no extension" is stored as '' so that the key
    // can be the primary key: Orleans itself never makes a grain id with an empty extension. (Through our extension the
    // key is always the whole grain id as a string, n0 = n1 = 0: Cluster/GrainTypeScopedStorage.) The provider also binds
    // GrainIdHash and GrainTypeHash, which are not needed when the key columns are the index. The version is the
    // etag: NULL for a grain never written; a write or clear must name the current version or it answers NULL, which
    // the provider raises as InconsistentStateException. Versions are int (the provider parses int32 etags) and wrap
    // from 2147483647 to 1 rather than fail: an etag is only ever compared for equality. A clear keeps the row, with
    // no payload and a new version, so a writer still holding the old etag conflicts. Payloads are what the grain
    // storage serializer wrote (UTF-8 JSON through our extension: convert_from(payload, 'UTF8')::jsonb reads it).
    private const string Sql = """
        CREATE TABLE orleans_membership_version (
            deployment_id text COLLATE "C" PRIMARY KEY,
            version integer NOT NULL DEFAULT 0,
            updated_at timestamptz NOT NULL DEFAULT now()
        );

        CREATE TABLE orleans_membership (
            deployment_id text COLLATE "C" NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
            address text NOT NULL,
            port integer NOT NULL,
            generation integer NOT NULL,
            silo_name text NOT NULL,
            host_name text NOT NULL,
            status integer NOT NULL,
            proxy_port integer NOT NULL,
            suspect_times text NULL,
            start_time timestamptz NOT NULL,
            i_am_alive_time timestamptz NOT NULL,
            PRIMARY KEY (deployment_id, address, port, generation)
        );

        CREATE TABLE orleans_grain_state (
            service_id text COLLATE "C" NOT NULL,
            state_name text COLLATE "C" NOT NULL,
            grain_id_n0 bigint NOT NULL,
            grain_id_n1 bigint NOT NULL,
            grain_id_extension text COLLATE "C" NOT NULL,
            version integer NOT NULL,
            payload bytea NULL,
            updated_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (service_id, state_name, grain_id_n0, grain_id_n1, grain_id_extension)
        );

        -- Unquoted on purpose: the providers read it as "SELECT QueryKey, QueryText FROM OrleansQuery".
        CREATE TABLE OrleansQuery (
            QueryKey text PRIMARY KEY,
            QueryText text NOT NULL
        );

        INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
        ('InsertMembershipVersionKey', $q$
            WITH created AS (
                INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
                ON CONFLICT DO NOTHING
                RETURNING 1)
            SELECT EXISTS (SELECT 1 FROM created)
        $q$),
        ('InsertMembershipKey', $q$
            WITH current_version AS (
                SELECT deployment_id FROM orleans_membership_version
                WHERE deployment_id = @DeploymentId AND version = @Version
                FOR UPDATE),
            inserted AS (
                INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status,
                    proxy_port, start_time, i_am_alive_time)
                SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
                    @ProxyPort, @StartTime, @IAmAliveTime
                FROM current_version
                ON CONFLICT DO NOTHING
                RETURNING deployment_id),
            bumped AS (
                UPDATE orleans_membership_version v SET version = v.version + 1, updated_at = now()
                FROM inserted WHERE v.deployment_id = inserted.deployment_id
                RETURNING 1)
            SELECT EXISTS (SELECT 1 FROM bumped)
        $q$),
        ('UpdateMembershipKey', $q$
            WITH current_version AS (
                SELECT deployment_id FROM orleans_membership_version
                WHERE deployment_id = @DeploymentId AND version = @Version
                FOR UPDATE),
            updated AS (
                UPDATE orleans_membership m
                SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
                FROM current_version c
                WHERE m.deployment_id = c.deployment_id AND m.address = @Address AND m.port = @Port
                    AND m.generation = @Generation
                RETURNING m.deployment_id),
            bumped AS (
                UPDATE orleans_membership_version v SET version = v.version + 1, updated_at = now()
                FROM updated WHERE v.deployment_id = updated.deployment_id
                RETURNING 1)
            SELECT EXISTS (SELECT 1 FROM bumped)
        $q$),
        ('UpdateIAmAlivetimeKey', $q$
            UPDATE orleans_membership SET i_am_alive_time = @IAmAliveTime
            WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
        $q$),
        ('MembershipReadRowKey', $q$
            SELECT v.version AS "Version", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
                m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
                m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
            FROM orleans_membership_version v
            LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
                AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
            WHERE v.deployment_id = @DeploymentId
        $q$),
        ('MembershipReadAllKey', $q$
            SELECT v.version AS "Version", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
                m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
                m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
            FROM orleans_membership_version v
            LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
            WHERE v.deployment_id = @DeploymentId
        $q$),
        ('GatewaysQueryKey', $q$
            SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
            FROM orleans_membership
            WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
        $q$),
        ('DeleteMembershipTableEntriesKey', $q$
            DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId
        $q$),
        ('CleanupDefunctSiloEntriesKey', $q$
            DELETE FROM orleans_membership m
            WHERE m.deployment_id = @DeploymentId AND m.status = 6
                AND greatest(m.start_time, m.i_am_alive_time,
                    (SELECT max(split_part(vote, ',', 2)::timestamptz)
                     FROM unnest(string_to_array(m.suspect_times, '|')) AS vote)) < @IAmAliveTime
        $q$),
        ('ReadFromStorageKey', $q$
            SELECT payload AS "PayloadBinary", version AS "Version"
            FROM orleans_grain_state
            WHERE service_id = @ServiceId AND state_name = @GrainTypeString AND grain_id_n0 = @GrainIdN0
                AND grain_id_n1 = @GrainIdN1 AND grain_id_extension = coalesce(@GrainIdExtensionString, '')
        $q$),
        ('WriteToStorageKey', $q$
            WITH updated AS (
                UPDATE orleans_grain_state
                SET payload = @PayloadBinary, version = version % 2147483647 + 1, updated_at = now()
                WHERE service_id = @ServiceId AND state_name = @GrainTypeString AND grain_id_n0 = @GrainIdN0
                    AND grain_id_n1 = @GrainIdN1 AND grain_id_extension = coalesce(@GrainIdExtensionString, '')
                    AND version = @GrainStateVersion
                RETURNING version),
            inserted AS (
                INSERT INTO orleans_grain_state (service_id, state_name, grain_id_n0, grain_id_n1, grain_id_extension,
                    version, payload)
                SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, coalesce(@GrainIdExtensionString, ''),
                    1, @PayloadBinary
                WHERE @GrainStateVersion IS NULL
                ON CONFLICT DO NOTHING
                RETURNING version)
            SELECT coalesce((SELECT version FROM updated), (SELECT version FROM inserted)) AS "NewGrainStateVersion"
        $q$),
        ('ClearStorageKey', $q$
            WITH cleared AS (
                UPDATE orleans_grain_state
                SET payload = NULL, version = version % 2147483647 + 1, updated_at = now()
                WHERE service_id = @ServiceId AND state_name = @GrainTypeString AND grain_id_n0 = @GrainIdN0
                    AND grain_id_n1 = @GrainIdN1 AND grain_id_extension = coalesce(@GrainIdExtensionString, '')
                    AND version = @GrainStateVersion
                RETURNING version)
            SELECT (SELECT version FROM cleared) AS "NewGrainStateVersion"
        $q$);
        """;

    public static Migration Migration { get; } = new(5, "Orleans membership, grain state and the provider queries", Sql);
}
