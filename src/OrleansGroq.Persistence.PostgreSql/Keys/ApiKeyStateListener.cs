using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Runtime;

namespace OrleansGroq.Persistence.PostgreSql.Keys;

/// <summary>
/// Keeps this node's key grains in step with the other nodes. One dedicated connection LISTENs on
/// <see cref="ApiKeyStateSql.Channel"/>, and each notification's merged row goes to its key's grain (a max-deadline
/// merge, never written back). Before listening it reads every row, at start and after each reconnection (what was
/// sent while the connection was down is lost), so a node that starts or reconnects late still learns the others'
/// cooldowns and disabled keys; start-up waits for that first read, so the first request already sees them.
/// </summary>
internal sealed partial class ApiKeyStateListener(
    NpgsqlDataSource dataSource, IServiceProvider services, TimeProvider clock, ILogger<ApiKeyStateListener> logger)
    : IHostedService, IDisposable
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);

    // A server that went away without closing the socket (a partition, a dead host) sends nothing, so waiting alone
    // never notices; a query after this much silence does.
    private static readonly TimeSpan IdleProbeInterval = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stopping = new();

    // Filled by Npgsql's Notification event, which fires inside the awaited calls on the connection; drained after them.
    private readonly ConcurrentQueue<string> _received = new();
    private Task _listening = Task.CompletedTask;
    private IGrainFactory _grains = null!;
    private string[] _aliases = [];
    private FrozenSet<string> _known = FrozenSet<string>.Empty;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // AddOrleansGroqPostgres also serves hosts without the key pool (a migration job, a store-only host): they
        // have no key grains to keep in step.
        if (services.GetService<IApiKeyPool>() is not { } pool)
        {
            return;
        }

        _grains = services.GetRequiredService<IGrainFactory>();
        _aliases = pool.Keys.Select(key => key.Alias).ToArray();
        _known = _aliases.ToFrozenSet(StringComparer.Ordinal);
        NpgsqlConnection? connection = null;
        try
        {
            connection = await ConnectAsync(cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The node can serve without its peers' news (it learns from its own 429s), so it starts and keeps trying.
            Log.Disconnected(logger, FirstRetryDelay, exception);
        }

        _listening = ListenAsync(connection, _stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _listening.WaitAsync(cancellationToken);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task ListenAsync(NpgsqlConnection? connection, CancellationToken stopping)
    {
        var retryDelay = FirstRetryDelay;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (connection is null)
                {
                    await Task.Delay(retryDelay, clock, stopping);
                    retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, MaxRetryDelay.Ticks));
                    connection = await ConnectAsync(stopping);
                }

                if (await connection.WaitAsync(IdleProbeInterval, stopping))
                {
                    await ApplyReceivedAsync();
                }
                else
                {
                    await ProbeAsync(connection, stopping);
                }

                retryDelay = FirstRetryDelay;
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                // Stopping cancels the wait, which Npgsql may report by breaking the connection: nothing to log.
                break;
            }
            catch (Exception exception)
            {
                Log.Disconnected(logger, retryDelay, exception);
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                    connection = null;

                    // A lost connection usually means a restarted or failed-over server, whose idle pooled connections
                    // are dead too; the next publication should not find one of them.
                    dataSource.Clear();
                }
            }
        }

        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }

    private async Task<NpgsqlConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            connection.Notification += (_, notification) => _received.Enqueue(notification.Payload);

            // LISTEN before the read: a change committed while the rows are read then also arrives as a notification,
            // and applying it twice is harmless, where the other order could miss it.
            await using var batch = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand(ApiKeyStateSql.SetApplicationName),
                    new NpgsqlBatchCommand(ApiKeyStateSql.Listen),
                    new NpgsqlBatchCommand(ApiKeyStateSql.Load) { Parameters = { new NpgsqlParameter<string[]> { TypedValue = _aliases } } },
                },
            };
            var rows = new List<string>();
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
            {
                do
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        rows.Add(reader.GetString(0));
                    }
                }
                while (await reader.NextResultAsync(cancellationToken));
            }

            foreach (var row in rows)
            {
                await ApplyAsync(row);
            }

            await ApplyReceivedAsync();
            Log.Listening(logger, connection.Database, rows.Count);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task ProbeAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var probe = new NpgsqlCommand("SELECT 1", connection);
        await probe.ExecuteNonQueryAsync(cancellationToken);
        await ApplyReceivedAsync();
    }

    private async Task ApplyReceivedAsync()
    {
        while (_received.TryDequeue(out var payload))
        {
            await ApplyAsync(payload);
        }
    }

    private async Task ApplyAsync(string payload)
    {
        ApiKeyStatePayload? row;
        try
        {
            row = JsonSerializer.Deserialize(payload, ApiKeyStateJsonContext.Default.ApiKeyStatePayload);
        }
        catch (JsonException exception)
        {
            Log.MalformedPayload(logger, exception);
            return;
        }

        // Nodes may be configured with different keys; a key this node does not have is no concern of its.
        if (row is not null && _known.Contains(row.Alias))
        {
            await _grains.GetGrain<IApiKeyGrain>(row.Alias).ApplyRemoteChangeAsync(row.ToChange());
        }
    }
}
