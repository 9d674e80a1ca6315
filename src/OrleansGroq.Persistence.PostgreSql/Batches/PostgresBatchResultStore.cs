using Npgsql;
using NpgsqlTypes;
using OrleansGroq.Abstractions.Batches;

namespace OrleansGroq.Persistence.PostgreSql.Batches;

/// <summary>
/// Cluster mode's line results in PostgreSQL (<c>batch_results</c>, migration 9): the primary key on (batch,
/// <c>custom_id</c>) keeps the first result of a line and refuses every later one, whichever silo records it.
/// </summary>
public sealed class PostgresBatchResultStore(NpgsqlDataSource dataSource) : IBatchResultStore
{
    public async Task<bool> RecordAsync(string batchId, BatchResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO batch_results (batch_id, custom_id, outcome, line) VALUES ($1, $2, $3, $4)
            ON CONFLICT (batch_id, custom_id) DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = batchId, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = result.CustomId, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (short)result.Outcome, NpgsqlDbType = NpgsqlDbType.Smallint });
        command.Parameters.Add(new NpgsqlParameter { Value = result.Line, NpgsqlDbType = NpgsqlDbType.Bytea });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyDictionary<string, BatchOutcome>> OutcomesAsync(string batchId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT custom_id, outcome FROM batch_results WHERE batch_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = batchId, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var outcomes = new Dictionary<string, BatchOutcome>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            outcomes[reader.GetString(0)] = (BatchOutcome)reader.GetInt16(1);
        }

        return outcomes;
    }

    public async Task<byte[]> ReadLinesAsync(string batchId, bool errors, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(errors
            ? "SELECT line FROM batch_results WHERE batch_id = $1 AND outcome <> $2 ORDER BY seq"
            : "SELECT line FROM batch_results WHERE batch_id = $1 AND outcome = $2 ORDER BY seq");
        command.Parameters.Add(new NpgsqlParameter { Value = batchId, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (short)BatchOutcome.Completed, NpgsqlDbType = NpgsqlDbType.Smallint });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        using var content = new MemoryStream();
        while (await reader.ReadAsync(cancellationToken))
        {
            content.Write(reader.GetFieldValue<byte[]>(0));
        }

        return content.ToArray();
    }
}
