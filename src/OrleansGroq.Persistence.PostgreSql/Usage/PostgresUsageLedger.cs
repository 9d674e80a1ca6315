using Npgsql;
using NpgsqlTypes;
using OrleansGroq.Abstractions.Usage;

namespace OrleansGroq.Persistence.PostgreSql.Usage;

/// <summary>
/// The usage ledger in PostgreSQL: a batch is one binary <c>COPY</c>, which streams rows without a statement per row
/// or a parameter per value; reports are one aggregation.
/// </summary>
public sealed class PostgresUsageLedger(NpgsqlDataSource dataSource) : IUsageLedger
{
    public async Task AppendAsync(IReadOnlyList<UsageEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var copy = await connection.BeginBinaryImportAsync(UsageSql.Copy, cancellationToken);
        foreach (var e in entries)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(e.OccurredAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync(e.RequestId, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(e.Tenant, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(e.Provider, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(e.Model, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(copy, e.KeyAlias, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(copy, e.Account, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(copy, e.StatusCode, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync(e.Outcome, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(e.Streamed, NpgsqlDbType.Boolean, cancellationToken);
            await copy.WriteAsync(e.PromptTokens, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(e.CachedTokens, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(e.CompletionTokens, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(e.LatencyMs, NpgsqlDbType.Double, cancellationToken);
            await WriteNullableAsync(copy, e.TimeToFirstTokenMs, NpgsqlDbType.Double, cancellationToken);
            await copy.WriteAsync(e.CostUsd, NpgsqlDbType.Numeric, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<UsageTotals>> AggregateAsync(UsageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var command = dataSource.CreateCommand(UsageSql.AggregateBy(query.GroupBy));
        command.Parameters.Add(new NpgsqlParameter { Value = query.From.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = query.To.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Tenant ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Model ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var totals = new List<UsageTotals>();
        while (await reader.ReadAsync(cancellationToken))
        {
            totals.Add(new UsageTotals(
                reader.GetString(0),
                reader.GetInt64(1),
                reader.GetInt64(2),
                reader.GetInt64(3),
                reader.GetInt64(4),
                reader.GetInt64(5),
                reader.GetDecimal(6)));
        }

        return totals;
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct =>
        value is { } v ? copy.WriteAsync(v, type, cancellationToken) : copy.WriteNullAsync(cancellationToken);

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, type, cancellationToken);
}
