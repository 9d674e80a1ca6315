using Npgsql;

namespace OrleansGroq.Testing;

/// <summary>
/// The PostgreSQL server of this test process: the one named by <c>ORLEANSGROQ_TEST_POSTGRES</c> (a connection string
/// whose user may create databases), or else a throwaway server provisioned from the installed binaries on first use.
/// Without either, tests that need it fail and say how to install PostgreSQL; they are never skipped.
/// </summary>
internal static class PostgresServer
{
    public const string EnvironmentVariable = "ORLEANSGROQ_TEST_POSTGRES";

    private static readonly Lazy<Task<string>> Administration = new(ConnectAsync);

    /// <summary>Creates an empty database of its own for a test class; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var administration = await Administration.Value;
        var name = "orleansgroq_test_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(administration, $"CREATE DATABASE {name}");
        return new NpgsqlConnectionStringBuilder(administration) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing its connections first.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await ExecuteAsync(await Administration.Value, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    private static async Task<string> ConnectAsync() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } external
            ? external
            : (await PostgresInstance.StartAsync()).ConnectionString;

    // Database names cannot be parameters; they are only ever the generated names above.
    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
