using Npgsql;
using NpgsqlTypes;
using OrleansGroq.Abstractions.Quota;

namespace OrleansGroq.Persistence.PostgreSql.Quota;

/// <summary>
/// The cluster's quota buckets in PostgreSQL (<c>quota_buckets</c>, one row per account and model). Every write is
/// one statement (<see cref="QuotaSql"/>), atomic without an explicit transaction; the only exception is two nodes
/// creating the same row at once, where the one that loses runs its statement once more.
/// </summary>
internal sealed class PostgresQuotaLeaseStore(NpgsqlDataSource dataSource) : IQuotaLeaseStore
{
    // A statement returns no row only when another node created the row after this one looked; the next attempt
    // finds it. More than one retry would take a second node creating the same row again, which cannot happen.
    private const int Attempts = 2;

    private long _statements;

    /// <summary>Statements sent to the server since this store was created, for benchmarks and tests.</summary>
    public long Statements => Interlocked.Read(ref _statements);

    public async Task<QuotaLease> LeaseAsync(QuotaKey key, QuotaLimits limits, QuotaAsk ask, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ask);
        var (requests, tokens, state) = await WriteAsync(
            QuotaSql.Lease, key, limits, ask.Ceilings, now, p =>
            {
                p.Add(Bigint(ask.Requests));
                p.Add(Bigint(ask.Tokens));
                p.Add(Double(ask.Reserve));
            }, cancellationToken);
        return new QuotaLease(requests, tokens, state);
    }

    public async Task<QuotaBucketState> ReturnAsync(QuotaKey key, QuotaLimits limits, QuotaReturn returned, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(returned);
        var (_, _, state) = await WriteAsync(
            QuotaSql.Return, key, limits, returned.Ceilings, now, p =>
            {
                p.Add(Bigint(returned.Requests));
                p.Add(Bigint(returned.Tokens));
            }, cancellationToken);
        return state;
    }

    public async Task<QuotaBucketState> CalibrateAsync(QuotaKey key, QuotaLimits limits, QuotaCeilings ceilings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ceilings);
        var (_, _, state) = await WriteAsync(QuotaSql.Calibrate, key, limits, ceilings, now, null, cancellationToken);
        return state;
    }

    public async Task<QuotaBucketState> SetLimitsAsync(QuotaKey key, QuotaLimits limits, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (_, _, state) = await WriteAsync(QuotaSql.SetLimits, key, limits, null, now, null, cancellationToken);
        return state;
    }

    public async Task<QuotaBucketState?> ReadAsync(QuotaKey key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(QuotaSql.Read);
        command.Parameters.Add(Text(key.Account));
        command.Parameters.Add(Text(key.Model));
        command.Parameters.Add(Timestamp(now));
        Interlocked.Increment(ref _statements);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadState(reader, 0) : null;
    }

    private async Task<(long Requests, long Tokens, QuotaBucketState State)> WriteAsync(
        string sql, QuotaKey key, QuotaLimits limits, QuotaCeilings? ceilings, DateTimeOffset now, Action<NpgsqlParameterCollection>? addExtra, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
        for (var attempt = 1; ; attempt++)
        {
            await using var command = dataSource.CreateCommand(sql);
            command.Parameters.Add(Text(key.Account));
            command.Parameters.Add(Text(key.Model));
            command.Parameters.Add(Bigint(limits.Rpm));
            command.Parameters.Add(Bigint(limits.Rpd));
            command.Parameters.Add(Bigint(limits.Tpm));
            command.Parameters.Add(Bigint(limits.Tpd));
            command.Parameters.Add(Timestamp(now));
            command.Parameters.Add(Double(ceilings?.Rpm));
            command.Parameters.Add(Double(ceilings?.Rpd));
            command.Parameters.Add(Double(ceilings?.Tpm));
            command.Parameters.Add(Double(ceilings?.Tpd));
            addExtra?.Invoke(command.Parameters);
            Interlocked.Increment(ref _statements);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                return (reader.GetInt64(0), reader.GetInt64(1), ReadState(reader, 2));
            }

            if (attempt == Attempts)
            {
                throw new InvalidOperationException($"The quota buckets of {key} changed under {Attempts} statements in a row.");
            }
        }
    }

    /// <summary>Reads four capacities, then four levels, from <paramref name="first"/> on.</summary>
    private static QuotaBucketState ReadState(NpgsqlDataReader reader, int first) => new(
        new QuotaLimits(reader.GetInt64(first), reader.GetInt64(first + 1), reader.GetInt64(first + 2), reader.GetInt64(first + 3)),
        new QuotaLevels(reader.GetDouble(first + 4), reader.GetDouble(first + 5), reader.GetDouble(first + 6), reader.GetDouble(first + 7)));

    private static NpgsqlParameter<string> Text(string value) => new() { TypedValue = value };

    private static NpgsqlParameter<long> Bigint(long value) => new() { TypedValue = value };

    private static NpgsqlParameter Double(double? value) => new() { Value = value ?? (object)DBNull.Value, NpgsqlDbType = NpgsqlDbType.Double };

    // Npgsql writes timestamptz only from UTC values.
    private static NpgsqlParameter<DateTimeOffset> Timestamp(DateTimeOffset value) => new() { TypedValue = value.ToUniversalTime() };
}
