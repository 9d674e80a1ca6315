namespace OrleansGroq.Persistence.PostgreSql.Migrations;

/// <summary>Version 9: cluster-mode batches' files (inputs and results) and the result of each line, one per <c>custom_id</c>.</summary>
internal static class M0009BatchFiles
{
    // A file's content is bytea, written with its row in one INSERT: files are at most 100 MB (Batches:MaxFileBytes)
    // and read whole. Listing a tenant's files reads no content: the list query names its columns.
    // batch_results' primary key is what makes a line's result exactly once: a second INSERT for the same
    // (batch, custom_id), from a silo that ran the line again after another died, does nothing, and its caller does
    // not count it. seq orders the lines as they were recorded, the order Groq's result files have (finish order).
    // Rows of a finished batch stay: its result files were written from them and are what clients read.
    private const string Sql = """
        CREATE TABLE batch_files (
            id text COLLATE "C" PRIMARY KEY,
            tenant text COLLATE "C" NOT NULL,
            filename text NOT NULL,
            purpose text NOT NULL,
            bytes bigint NOT NULL,
            created_at timestamptz NOT NULL,
            content bytea NOT NULL
        );

        CREATE INDEX batch_files_tenant ON batch_files (tenant, created_at DESC, id DESC);

        CREATE TABLE batch_results (
            batch_id text COLLATE "C" NOT NULL,
            custom_id text COLLATE "C" NOT NULL,
            seq bigint GENERATED ALWAYS AS IDENTITY,
            outcome smallint NOT NULL,
            line bytea NOT NULL,
            PRIMARY KEY (batch_id, custom_id)
        );
        """;

    public static Migration Migration { get; } = new(9, "cluster-mode batch files and line results", Sql);
}
